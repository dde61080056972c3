// Korean and English. The language comes from the switch (kept in localStorage), else from the
// browser's languages; every visible text goes through t().

const en = {
  skip: 'Skip to content', loading: 'Loading…', nav: 'Main', 'nav.overview': 'Overview',
  'nav.start': 'Start a collection', 'nav.scrape': 'Scrape a page', 'lang.label': 'Language',
  cancel: 'Cancel', close: 'Close', refresh: 'Refresh', yes: 'Yes', no: 'No', none: '—', all: 'All',
  'key.title': 'API key', 'key.change': 'API key', 'key.label': 'API key',
  'key.why': 'This API needs a key (the x-api-key header). The console keeps it in this browser tab only.',
  'key.refused': 'The API refused this key. Enter another one.', 'key.save': 'Use this key',
  'key.needed': 'The API needs a key: choose “API key” to enter one.',
  'status.pending': 'Pending', 'status.running': 'Running', 'status.completed': 'Completed',
  'status.failed': 'Failed', 'status.cancelled': 'Cancelled', 'status.expired': 'Expired',
  'platform.babitalk': 'Babitalk', 'platform.gangnamunni': 'Gangnam Unni', 'platform.naver': 'Naver Cafe',
  'overview.title': 'Collections', 'overview.counts': 'Tasks by status', 'overview.total': 'All tasks',
  'overview.slots': '{running} / {max} running', 'overview.slotsLabel': 'Slots in use',
  'overview.filters': 'Filters', 'overview.status': 'Status', 'overview.platform': 'Platform',
  'overview.tasks': 'Tasks, newest first', 'overview.empty': 'No tasks match.',
  'overview.newer': '← Newer', 'overview.older': 'Older →', 'overview.page': 'Page {n}',
  'overview.updated': 'Updated {time}', 'overview.paused': 'Live refresh pauses while this tab is hidden.',
  'col.created': 'Created', 'col.platform': 'Platform', 'col.status': 'Status', 'col.progress': 'Progress',
  'col.task': 'Task', 'col.category': 'Category', 'col.collected': 'Collected', 'col.new': 'New',
  'col.pages': 'Pages', 'col.error': 'Error', 'col.kind': 'Kind', 'col.text': 'Title / text',
  'col.author': 'Author', 'col.posted': 'Posted', 'col.comments': 'Comments',
  'progress.label': 'Progress of task {id}', 'progress.value': '{progress} of {total} ({pct}%)',
  'progress.unknown': '{progress} collected, total not known yet',
  'time.elapsed': 'Elapsed {d}', 'time.eta': 'About {d} left', 'time.took': 'Took {d}',
  'task.title': 'Task {id}', 'task.back': '← All tasks', 'task.notFound': 'No task {id}: it does not exist or has expired (tasks disappear 24 h after they finish).',
  'task.request': 'Request', 'task.noRequest': 'This API does not return the request parameters.',
  'task.summary': 'Result by category', 'task.totals': 'Totals', 'task.logs': 'Log', 'task.noLogs': 'No log lines yet.',
  'task.error': 'Error', 'task.records': 'Collected records', 'task.noRecords': 'No records yet.',
  'task.download': 'Download', 'task.csv': 'CSV', 'task.ndjson': 'NDJSON',
  'task.cancel': 'Cancel task', 'task.resume': 'Resume', 'task.cancelTitle': 'Cancel this task?',
  'task.cancelText': 'The collection stops; what was stored stays. A cancelled task can be resumed later.',
  'task.cancelYes': 'Cancel the task', 'task.cancelNo': 'Keep running',
  'task.cancelled': 'The task was cancelled.', 'task.resumed': 'The task continues from where it stopped.',
  'task.step': 'Step', 'task.time': 'Time', 'task.created': 'Created', 'task.started': 'Started', 'task.completed': 'Finished',
  'task.showComments': 'Comments ({n})', 'task.hideComments': 'Hide comments', 'task.noComments': 'No comments.',
  'task.recordsPage': 'Records page {n}', 'task.downloadFailed': 'Download failed: {error}',
  'kind.post': 'Post', 'kind.review': 'Review',
  'start.title': 'Start a collection', 'start.platforms': 'Platform', 'start.submit': 'Start collecting',
  'start.submitting': 'Starting…', 'start.defaults': 'Defaults are filled in; empty optional fields are not sent.',
  'start.failed': 'The collection was not started: {error}',
  'f.target_date': 'Date to collect (target_date)', 'f.target_date.help': 'Posts of this day, Asia/Seoul. Default: yesterday.',
  'f.end_date': 'Until (end_date, optional)', 'f.end_date.help': 'Inclusive, at most 31 days after the date.',
  'f.categories': 'Categories (categories)', 'f.limit': 'Most items per category (limit)', 'f.limit.help': '0 = no limit; at most 10,000.',
  'f.save_as_reviews': 'Also store review posts as review records (save_as_reviews)',
  'f.token': 'Gangnam Unni token (token, optional)', 'f.token.help': 'A secret: sent once, never stored by this page.',
  'f.cafe_id': 'Cafe id (cafe_id, required)', 'f.cafe_id.help': 'Digits, e.g. 10912875.',
  'f.menu_id': 'Boards (menu_id)', 'f.menu_id.help': 'Empty = every board, or a list such as 38,39,40.',
  'f.per_page': 'Posts per page (per_page)', 'f.per_page.help': '1 to 50.',
  'f.naver_cookies': 'Naver cookies (naver_cookies, optional)', 'f.naver_cookies.help': 'A secret: sent once, never stored by this page.',
  'f.callback_url': 'Callback URL (callback_url, optional)', 'f.callback_url.help': 'The finished task is POSTed there, signed.',
  'f.url': 'Page URL (url)', 'f.force_refresh': 'Skip the cache (force_refresh)', 'f.proxy': 'Proxy (proxy, optional)',
  'f.proxy.help': 'http://[user:pass@]host:port — a secret: never stored by this page.',
  'f.user_agent': 'User agent (user_agent, optional)', 'f.block_images': 'List images without downloading them (block_images)',
  'f.target_language': 'Translate to (target_language, optional)', 'f.target_language.help': 'ISO 639-1 code such as en or ko.',
  'cat.reviews': 'Reviews (reviews)', 'cat.talks': 'Talks (talks)', 'cat.event_ask_memos': 'Event questions (event_ask_memos)',
  'cat.hospital_question': 'Hospital questions (hospital_question)', 'cat.surgery_question': 'Surgery questions (surgery_question)',
  'cat.free_chat': 'Free chat (free_chat)', 'cat.review': 'Reviews (review)', 'cat.ask_doctor': 'Ask a doctor (ask_doctor)',
  'scrape.title': 'Scrape a product page', 'scrape.submit': 'Scrape', 'scrape.mine': 'Scrapes started in this browser',
  'scrape.none': 'None yet.', 'scrape.failed': 'The scrape was not started: {error}', 'scrape.result': 'Result',
  'scrape.waiting': 'Waiting for the page…', 'scrape.open': 'Open',
  'card.price': 'Price', 'card.availability': 'Availability', 'card.brand': 'Brand', 'card.sku': 'SKU',
  'card.rating': 'Rating', 'card.ratingValue': '{rating} / 5 ({count} reviews)', 'card.platform': 'Detected platform',
  'card.confidence': '{pct}% confidence', 'card.indicators': 'Evidence', 'card.raw': 'All fields (raw)',
  'card.images': 'Images', 'card.imageLink': 'Open image {n} of {count} (new tab)',
  'card.imageNote': 'The console loads nothing from other sites; images open in a new tab.',
  'card.noPlatform': 'not recognised', 'card.cache': 'from the cache', 'card.seller': 'Seller', 'card.category': 'Category',
  'card.description': 'Description', 'card.unknown': 'not found',
  'error.network': 'The API could not be reached.', 'error.generic': 'Something went wrong: {error}',
};

const ko = {
  skip: '본문으로 건너뛰기', loading: '불러오는 중…', nav: '주 메뉴', 'nav.overview': '개요',
  'nav.start': '수집 시작', 'nav.scrape': '페이지 스크랩', 'lang.label': '언어',
  cancel: '취소', close: '닫기', refresh: '새로 고침', yes: '예', no: '아니요', none: '—', all: '전체',
  'key.title': 'API 키', 'key.change': 'API 키', 'key.label': 'API 키',
  'key.why': '이 API는 키(x-api-key 헤더)가 필요합니다. 콘솔은 키를 이 브라우저 탭에만 보관합니다.',
  'key.refused': 'API가 이 키를 거부했습니다. 다른 키를 입력하세요.', 'key.save': '이 키 사용',
  'key.needed': 'API 키가 필요합니다. “API 키”를 눌러 입력하세요.',
  'status.pending': '대기 중', 'status.running': '실행 중', 'status.completed': '완료',
  'status.failed': '실패', 'status.cancelled': '취소됨', 'status.expired': '만료됨',
  'platform.babitalk': '바비톡', 'platform.gangnamunni': '강남언니', 'platform.naver': '네이버 카페',
  'overview.title': '수집 작업', 'overview.counts': '상태별 작업 수', 'overview.total': '전체 작업',
  'overview.slots': '{running} / {max} 실행 중', 'overview.slotsLabel': '사용 중인 슬롯',
  'overview.filters': '필터', 'overview.status': '상태', 'overview.platform': '플랫폼',
  'overview.tasks': '작업 목록 (최신순)', 'overview.empty': '조건에 맞는 작업이 없습니다.',
  'overview.newer': '← 최근', 'overview.older': '이전 →', 'overview.page': '{n}쪽',
  'overview.updated': '{time} 갱신', 'overview.paused': '이 탭이 숨겨져 있는 동안 자동 갱신을 멈춥니다.',
  'col.created': '생성', 'col.platform': '플랫폼', 'col.status': '상태', 'col.progress': '진행률',
  'col.task': '작업', 'col.category': '카테고리', 'col.collected': '수집', 'col.new': '신규',
  'col.pages': '페이지', 'col.error': '오류', 'col.kind': '종류', 'col.text': '제목 / 내용',
  'col.author': '작성자', 'col.posted': '작성일', 'col.comments': '댓글',
  'progress.label': '작업 {id} 진행률', 'progress.value': '{total}개 중 {progress}개 ({pct}%)',
  'progress.unknown': '{progress}개 수집, 전체 수는 아직 모름',
  'time.elapsed': '경과 {d}', 'time.eta': '약 {d} 남음', 'time.took': '소요 {d}',
  'task.title': '작업 {id}', 'task.back': '← 전체 작업', 'task.notFound': '작업 {id}이(가) 없습니다. 존재하지 않거나 만료되었습니다 (작업은 끝난 뒤 24시간이 지나면 사라집니다).',
  'task.request': '요청', 'task.noRequest': '이 API는 요청 매개변수를 돌려주지 않습니다.',
  'task.summary': '카테고리별 결과', 'task.totals': '합계', 'task.logs': '로그', 'task.noLogs': '아직 로그가 없습니다.',
  'task.error': '오류', 'task.records': '수집된 레코드', 'task.noRecords': '아직 레코드가 없습니다.',
  'task.download': '내려받기', 'task.csv': 'CSV', 'task.ndjson': 'NDJSON',
  'task.cancel': '작업 취소', 'task.resume': '이어서 수집', 'task.cancelTitle': '이 작업을 취소할까요?',
  'task.cancelText': '수집이 멈춥니다. 저장된 레코드는 그대로 남고, 취소된 작업은 나중에 이어서 수집할 수 있습니다.',
  'task.cancelYes': '작업 취소', 'task.cancelNo': '계속 실행',
  'task.cancelled': '작업을 취소했습니다.', 'task.resumed': '멈춘 곳부터 수집을 이어갑니다.',
  'task.step': '단계', 'task.time': '시간', 'task.created': '생성', 'task.started': '시작', 'task.completed': '종료',
  'task.showComments': '댓글 ({n})', 'task.hideComments': '댓글 숨기기', 'task.noComments': '댓글이 없습니다.',
  'task.recordsPage': '레코드 {n}쪽', 'task.downloadFailed': '내려받기 실패: {error}',
  'kind.post': '게시글', 'kind.review': '후기',
  'start.title': '수집 시작', 'start.platforms': '플랫폼', 'start.submit': '수집 시작',
  'start.submitting': '시작하는 중…', 'start.defaults': '기본값이 채워져 있습니다. 비워 둔 선택 항목은 보내지 않습니다.',
  'start.failed': '수집을 시작하지 못했습니다: {error}',
  'f.target_date': '수집할 날짜 (target_date)', 'f.target_date.help': '이 날짜(서울 시간)에 올라온 글. 기본값: 어제.',
  'f.end_date': '종료 날짜 (end_date, 선택)', 'f.end_date.help': '이 날짜 포함, 시작 날짜로부터 최대 31일.',
  'f.categories': '카테고리 (categories)', 'f.limit': '카테고리별 최대 개수 (limit)', 'f.limit.help': '0 = 제한 없음, 최대 10,000.',
  'f.save_as_reviews': '후기 글을 후기 레코드로도 저장 (save_as_reviews)',
  'f.token': '강남언니 토큰 (token, 선택)', 'f.token.help': '비밀 값: 한 번만 보내고 이 페이지에 저장하지 않습니다.',
  'f.cafe_id': '카페 ID (cafe_id, 필수)', 'f.cafe_id.help': '숫자, 예: 10912875.',
  'f.menu_id': '게시판 (menu_id)', 'f.menu_id.help': '비워 두면 모든 게시판, 또는 38,39,40 같은 목록.',
  'f.per_page': '페이지당 글 수 (per_page)', 'f.per_page.help': '1~50.',
  'f.naver_cookies': '네이버 쿠키 (naver_cookies, 선택)', 'f.naver_cookies.help': '비밀 값: 한 번만 보내고 이 페이지에 저장하지 않습니다.',
  'f.callback_url': '콜백 URL (callback_url, 선택)', 'f.callback_url.help': '끝난 작업을 서명과 함께 이 주소로 POST합니다.',
  'f.url': '페이지 URL (url)', 'f.force_refresh': '캐시 무시 (force_refresh)', 'f.proxy': '프록시 (proxy, 선택)',
  'f.proxy.help': 'http://[user:pass@]host:port — 비밀 값: 이 페이지에 저장하지 않습니다.',
  'f.user_agent': 'User-Agent (user_agent, 선택)', 'f.block_images': '이미지는 내려받지 않고 목록만 (block_images)',
  'f.target_language': '번역 언어 (target_language, 선택)', 'f.target_language.help': 'en, ko 같은 ISO 639-1 코드.',
  'cat.reviews': '시술후기 (reviews)', 'cat.talks': '토크 (talks)', 'cat.event_ask_memos': '이벤트 문의 (event_ask_memos)',
  'cat.hospital_question': '병원 질문 (hospital_question)', 'cat.surgery_question': '수술 질문 (surgery_question)',
  'cat.free_chat': '자유 수다 (free_chat)', 'cat.review': '발품후기 (review)', 'cat.ask_doctor': '의사에게 묻기 (ask_doctor)',
  'scrape.title': '상품 페이지 스크랩', 'scrape.submit': '스크랩', 'scrape.mine': '이 브라우저에서 시작한 스크랩',
  'scrape.none': '아직 없습니다.', 'scrape.failed': '스크랩을 시작하지 못했습니다: {error}', 'scrape.result': '결과',
  'scrape.waiting': '페이지를 기다리는 중…', 'scrape.open': '열기',
  'card.price': '가격', 'card.availability': '재고', 'card.brand': '브랜드', 'card.sku': 'SKU',
  'card.rating': '평점', 'card.ratingValue': '{rating} / 5 (리뷰 {count}개)', 'card.platform': '감지된 플랫폼',
  'card.confidence': '신뢰도 {pct}%', 'card.indicators': '근거', 'card.raw': '전체 필드 (원본)',
  'card.images': '이미지', 'card.imageLink': '이미지 {count}개 중 {n}번째 열기 (새 탭)',
  'card.imageNote': '콘솔은 다른 사이트에서 아무것도 불러오지 않습니다. 이미지는 새 탭에서 열립니다.',
  'card.noPlatform': '알 수 없음', 'card.cache': '캐시에서', 'card.seller': '판매자', 'card.category': '분류',
  'card.description': '설명', 'card.unknown': '찾지 못함',
  'error.network': 'API에 연결할 수 없습니다.', 'error.generic': '문제가 생겼습니다: {error}',
};

const DICTS = { en, ko };
const STORE = 'gleaner.lang';
const listeners = [];

function initial() {
  const saved = localStorage.getItem(STORE);
  if (saved && DICTS[saved]) return saved;
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  for (const l of langs) {
    const base = String(l).toLowerCase().split('-')[0];
    if (DICTS[base]) return base;
  }
  return 'en';
}

let lang = initial();

export function getLang() {
  return lang;
}

export function setLang(next) {
  if (!DICTS[next] || next === lang) return;
  lang = next;
  localStorage.setItem(STORE, next);
  document.documentElement.lang = next;
  listeners.forEach((fn) => fn(next));
}

export function onLangChange(fn) {
  listeners.push(fn);
}

export function t(key, vars) {
  const text = DICTS[lang][key] ?? en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k) => (vars[k] ?? m)) : text;
}

/** Fills [data-i18n] text and [data-i18n-aria] labels of the static shell. */
export function translateShell(root = document) {
  document.documentElement.lang = lang;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-aria]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nAria)));
}

export const DICTIONARIES = DICTS;

package dev.gleaner.local.demo;

import java.util.List;
import java.util.Random;

/** Sample Korean texts for the demo posts, picked deterministically from each post's seed. */
final class Texts {
    static final List<String> PROCEDURES = List.of("쌍꺼풀", "눈매교정", "코성형", "코끝성형", "지방흡입", "안면윤곽",
            "가슴성형", "리프팅", "보톡스", "필러");
    static final List<String> HOSPITALS = List.of("오늘성형외과", "바른눈성형외과", "라인성형외과", "새봄의원", "하늘성형외과",
            "미소피부과", "온새미로성형외과");
    static final List<String> DOCTORS = List.of("박지훈", "김서연", "이도윤", "최하은", "정민준");
    static final List<String> REGIONS = List.of("강남", "서초", "신사", "압구정", "홍대", "부산 서면");
    static final List<String> NICKNAMES = List.of("눈꽃", "봄비", "말랑이", "토끼", "코코", "하늘", "가을", "별빛", "초코",
            "상담러", "다람쥐", "민트");
    static final List<String> TALK_TITLES = List.of("수술 전날 너무 떨려요", "붓기 관리 팁 공유해요", "재수술 고민 중이에요",
            "상담 다녀왔어요", "회복 기간 질문", "병원 추천 부탁드려요", "실밥 푸는 날", "비용 이 정도면 괜찮나요?",
            "2주차 후기", "압박복 언제까지 입나요?");
    static final List<String> COMMENTS = List.of("저도 궁금해요!", "저는 2주 정도 걸렸어요.", "힘내세요, 금방 지나가요.",
            "상담 여러 군데 받아보세요.", "저도 거기서 했는데 만족해요.", "냉찜질 꼭 하세요!", "사진 보니 자연스러워요.");
    static final List<String> DETAILS = List.of("상담가는 생각보다 높았어요.", "원장님이 꼼꼼하게 설명해 주셨어요.",
            "회복은 일주일 정도 걸린다고 하네요.", "다음 주에 예약했어요.", "붓기가 아직 조금 남아 있어요.");
    private static final List<String> QUESTIONS = List.of("%s 하신 분들 회복 기간 얼마나 걸렸나요?",
            "%s 상담 받았는데 가격이 적당한지 모르겠어요.", "%s 재수술 잘하는 병원 있을까요?",
            "%s 하고 나서 운동은 언제부터 하셨어요?", "%s 붓기 빼는 방법 알려주세요.");

    private Texts() {}

    static String pick(Random r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    static String question(Random r) {
        return String.format(pick(r, QUESTIONS), pick(r, PROCEDURES));
    }

    static String review(Random r, String procedure) {
        return procedure + " 받은 지 " + (1 + r.nextInt(8)) + "주 됐어요. " + pick(r, DETAILS) + " 전체적으로 만족합니다.";
    }

    static String reviewPost(Random r, String procedure, String hospital) {
        return hospital + "에서 " + procedure + " 상담 받고 왔어요. 견적은 " + (5 + r.nextInt(40)) * 10 + "만원이었어요. "
                + pick(r, DETAILS);
    }

    static String consultation(Random r, String procedure) {
        return procedure + " 상담 받고 왔어요. " + pick(r, DETAILS);
    }
}

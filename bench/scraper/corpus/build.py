#!/usr/bin/env python3
"""Assembles the evaluation corpus: bench/scraper/corpus/src/*.html -> pages/*.html.gz.

The product part of every page is hand-written in src/ (see README.md). The bulk a real page
carries around it (mega-menu navigation, footers, inline SVG sprites, theme CSS, minified
scripts, "you may also like" carousels with their own prices) is generated here from markers,
deterministically (seeded by the page name), so the pages have realistic sizes and noise
without thousands of lines of copy-paste in src/.

Markers (an HTML comment on its own):
  <!--@nav:LANG:N-->            header, announcement bar and a mega menu of N categories
  <!--@footer:LANG-->            footer columns, newsletter form, payment icons
  <!--@svg:N-->                  an inline sprite of N icons
  <!--@css:KB-->                 a <style> block of about KB kilobytes
  <!--@js:KB-->                  an inline minified-looking script of about KB kilobytes
  <!--@related:N:FMT:STYLE-->    N product cards with prices written in FMT (usd, gbp, aud, cad, eur-de,
                                 eur-fr, chf, pln, sek, try, inr, krw, krw-sym, jpy, jpy-yen)
                                 using STYLE's class names (card, woo, magento, bc, plain, kr, amazon)
Usage: python3 build.py [DIR]      (writes pages/ and batch-100.ndjson next to this file, or DIR/pages)
"""
import gzip
import hashlib
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# A corpus folder (src/, gold.jsonl, pages/): this one, or the one named on the command line
# (bench/scraper/heldout, the pages written after the extractor was tuned).
ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else HERE
SRC = os.path.join(ROOT, "src")
OUT = os.path.join(ROOT, "pages")

WORDS = {
    "en": "New In,Women,Men,Kids,Home,Outdoor,Sale,Gifts,Shoes,Bags,Accessories,Beauty,Kitchen,Garden,Sports,Travel,Tech,Audio,Lighting,Bedding,Bath,Storage,Office,Pets,Toys,Books,Coffee,Tea,Wellness,Jewellery".split(","),
    "de": "Neuheiten,Damen,Herren,Kinder,Wohnen,Outdoor,Sale,Geschenke,Schuhe,Taschen,Accessoires,Beauty,Küche,Garten,Sport,Reisen,Technik,Audio,Leuchten,Bettwäsche,Bad,Aufbewahrung,Büro,Haustiere,Spielzeug,Bücher,Kaffee,Tee,Wellness,Schmuck".split(","),
    "fr": "Nouveautés,Femme,Homme,Enfant,Maison,Plein air,Soldes,Cadeaux,Chaussures,Sacs,Accessoires,Beauté,Cuisine,Jardin,Sport,Voyage,High-tech,Audio,Luminaires,Linge de lit,Salle de bain,Rangement,Bureau,Animaux,Jouets,Livres,Café,Thé,Bien-être,Bijoux".split(","),
    "es": "Novedades,Mujer,Hombre,Niños,Hogar,Exterior,Rebajas,Regalos,Zapatos,Bolsos,Accesorios,Belleza,Cocina,Jardín,Deporte,Viaje,Tecnología,Audio,Iluminación,Ropa de cama,Baño,Almacenaje,Oficina,Mascotas,Juguetes,Libros,Café,Té,Bienestar,Joyería".split(","),
    "pl": "Nowości,Kobieta,Mężczyzna,Dziecko,Dom,Outdoor,Wyprzedaż,Prezenty,Buty,Torby,Akcesoria,Uroda,Kuchnia,Ogród,Sport,Podróże,Elektronika,Audio,Oświetlenie,Pościel,Łazienka,Przechowywanie,Biuro,Zwierzęta,Zabawki,Książki,Kawa,Herbata,Zdrowie,Biżuteria".split(","),
    "ko": "신상품,여성,남성,키즈,홈리빙,아웃도어,세일,선물,신발,가방,액세서리,뷰티,주방,가든,스포츠,여행,디지털,음향,조명,침구,욕실,수납,사무용품,반려동물,완구,도서,커피,차,건강,주얼리".split(","),
    "ja": "新着,レディース,メンズ,キッズ,インテリア,アウトドア,セール,ギフト,シューズ,バッグ,小物,コスメ,キッチン,ガーデン,スポーツ,トラベル,家電,オーディオ,照明,寝具,バス,収納,文具,ペット,おもちゃ,本,コーヒー,お茶,ヘルスケア,ジュエリー".split(","),
}
NOUNS = {
    "en": "Linen Shirt,Canvas Tote,Wool Beanie,Ceramic Mug,Desk Lamp,Trail Sock,Leather Wallet,Glass Carafe,Cotton Throw,Steel Bottle,Rain Jacket,Travel Pouch,Oak Tray,Silk Scarf,Field Notebook,Bamboo Brush".split(","),
    "de": "Leinenhemd,Stofftasche,Wollmütze,Keramikbecher,Schreibtischleuchte,Wandersocke,Lederbörse,Glaskaraffe,Baumwolldecke,Trinkflasche,Regenjacke,Reisetasche,Eichentablett,Seidentuch,Notizbuch,Bambusbürste".split(","),
    "fr": "Chemise en lin,Cabas en toile,Bonnet en laine,Tasse en céramique,Lampe de bureau,Chaussettes trail,Portefeuille cuir,Carafe en verre,Plaid coton,Gourde inox,Veste de pluie,Pochette voyage,Plateau chêne,Foulard soie,Carnet,Brosse bambou".split(","),
    "es": "Camisa de lino,Bolsa de lona,Gorro de lana,Taza de cerámica,Lámpara de escritorio,Calcetín trail,Cartera de piel,Jarra de cristal,Manta de algodón,Botella de acero,Chaqueta impermeable,Neceser,Bandeja de roble,Pañuelo de seda,Cuaderno,Cepillo de bambú".split(","),
    "pl": "Koszula lniana,Torba płócienna,Czapka wełniana,Kubek ceramiczny,Lampka biurkowa,Skarpety trail,Portfel skórzany,Karafka,Koc bawełniany,Butelka stalowa,Kurtka przeciwdeszczowa,Kosmetyczka,Taca dębowa,Apaszka,Notes,Szczotka bambusowa".split(","),
    "ko": "린넨 셔츠,캔버스 토트백,울 비니,세라믹 머그,데스크 램프,트레일 양말,가죽 지갑,유리 카라페,코튼 블랭킷,스틸 보틀,레인 자켓,여행 파우치,오크 트레이,실크 스카프,노트,대나무 칫솔".split(","),
    "ja": "リネンシャツ,キャンバストート,ウールニット帽,陶器マグ,デスクライト,トレイルソックス,レザー財布,ガラスカラフェ,コットンブランケット,ステンレスボトル,レインジャケット,トラベルポーチ,オークトレイ,シルクスカーフ,ノート,竹ブラシ".split(","),
}


def rng_for(name):
    return random.Random(int(hashlib.sha256(name.encode()).hexdigest()[:12], 16))


def fmt_price(r, fmt):
    """A price as a shop in that market writes it."""
    if fmt in ("krw", "krw-sym"):
        v = r.randrange(9, 240) * 1000 - r.choice([0, 100, 500, 1000 - 100])
        s = f"{v:,}"
        return f"{s}원" if fmt == "krw" else f"₩{s}"
    if fmt in ("jpy", "jpy-yen"):
        v = r.randrange(8, 300) * 100 - r.choice([0, 20, 10])
        s = f"{v:,}"
        return f"{s}円" if fmt == "jpy-yen" else f"¥{s}"
    v = r.randrange(5, 400) + r.choice([0.0, 0.5, 0.9, 0.95, 0.99])
    en = f"{v:,.2f}"
    de = en.replace(",", "X").replace(".", ",").replace("X", ".")
    return {
        "usd": f"${en}", "aud": f"${en} AUD", "cad": f"${en} CAD", "gbp": f"£{en}",
        "eur-de": f"{de} €", "eur-fr": de.replace(".", "\u202f") + "\u00a0€", "chf": f"CHF {en.replace(',', chr(39))}",
        "pln": de.replace(".", " ") + " zł", "sek": f"{int(v):,}".replace(",", " ") + " kr",
        "try": de + "TL", "inr": f"₹{int(v) * 10:,}",
    }[fmt]


def nav(r, lang, n):
    words = WORDS[lang]
    items = []
    for i in range(n):
        cat = words[i % len(words)]
        links = "".join(
            f'<li class="mega-menu__item"><a class="mega-menu__link link" href="/collections/{slug(cat)}-{j}">'
            f'{words[(i * 7 + j) % len(words)]}</a></li>' for j in range(r.randrange(6, 14)))
        items.append(
            f'<li class="header__menu-item has-dropdown" data-index="{i}"><details><summary class="header__menu-link">'
            f'<span>{cat}</span><svg aria-hidden="true" focusable="false" class="icon icon-caret" viewBox="0 0 10 6">'
            f'<path fill-rule="evenodd" clip-rule="evenodd" d="M9.354.646a.5.5 0 00-.708 0L5 4.293 1.354.646a.5.5 0 00-.708.708l4 4a.5.5 0 00.708 0l4-4a.5.5 0 000-.708z" fill="currentColor"/></svg>'
            f'</summary><div class="mega-menu__content"><ul class="mega-menu__list" role="list">{links}</ul></div></details></li>')
    return ('<div class="announcement-bar" role="region"><p class="announcement-bar__message">'
            + words[6] + ' · ' + words[7] + '</p></div>'
            '<header class="header header--middle-left"><a class="header__heading-link" href="/"><span class="h2">Store</span></a>'
            '<nav class="header__inline-menu"><ul class="list-menu list-menu--inline" role="list">'
            + "".join(items) + '</ul></nav><div class="header__icons"><a class="header__icon header__icon--account" href="/account">'
            '<span class="visually-hidden">Account</span></a><a class="header__icon header__icon--cart" href="/cart" id="cart-icon-bubble">'
            '<span class="visually-hidden">Cart</span><div class="cart-count-bubble"><span aria-hidden="true">0</span></div></a></div></header>')


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "c"


def footer(r, lang):
    words = WORDS[lang]
    cols = []
    for c in range(4):
        links = "".join(f'<li><a class="list-menu__item link" href="/pages/{slug(words[(c * 5 + k) % len(words)])}">'
                        f'{words[(c * 5 + k) % len(words)]}</a></li>' for k in range(r.randrange(5, 9)))
        cols.append(f'<div class="footer-block grid__item"><h2 class="footer-block__heading">{words[c + 10]}</h2>'
                    f'<ul class="footer-block__details-content list-unstyled">{links}</ul></div>')
    pay = "".join(f'<li class="list-payment__item"><svg class="icon icon--full-color" viewBox="0 0 38 24" width="38" height="24">'
                  f'<path opacity=".07" d="M35 0H3C1.3 0 0 1.3 0 3v18c0 1.7 1.4 3 3 3h32c1.7 0 3-1.3 3-3V3c0-1.7-1.4-3-3-3z"/>'
                  f'<path fill="#{r.randrange(0x1000000):06x}" d="M35 1c1.1 0 2 .9 2 2v18c0 1.1-.9 2-2 2H3c-1.1 0-2-.9-2-2V3c0-1.1.9-2 2-2h32"/></svg></li>'
                  for _ in range(8))
    return ('<footer class="footer color-background-1"><div class="footer__content-top page-width"><div class="footer__blocks-wrapper grid">'
            + "".join(cols) + '</div><div class="footer-block--newsletter"><form method="post" action="/contact#newsletter" '
            'class="newsletter-form"><input type="email" name="contact[email]" class="field__input" autocomplete="email" '
            'placeholder="Email"><button type="submit" class="newsletter-form__button field__button">→</button></form></div></div>'
            '<div class="footer__content-bottom"><ul class="list list-payment" role="list">' + pay + '</ul>'
            '<small class="copyright__content">© 2025</small></div></footer>')


def svg(r, n):
    syms = []
    for i in range(n):
        d = "M" + " ".join(f"{r.uniform(0, 24):.2f} {r.uniform(0, 24):.2f}{r.choice('LCQ ')}" for _ in range(r.randrange(12, 40)))
        syms.append(f'<symbol id="icon-{i}" viewBox="0 0 24 24"><path d="{d}z"/></symbol>')
    return '<svg xmlns="http://www.w3.org/2000/svg" style="display:none">' + "".join(syms) + '</svg>'


def css(r, kb):
    props = ["display:flex", "display:grid", "margin:0 auto", "padding:1.2rem 0", "color:rgba(var(--color-foreground),.75)",
             "font-size:1.4rem", "line-height:calc(1 + .5/var(--font-body-scale))", "border-radius:var(--inputs-radius)",
             "gap:var(--grid-desktop-horizontal-spacing)", "position:relative", "transition:opacity .3s ease", "z-index:2"]
    out = []
    size = 0
    i = 0
    while size < kb * 1024:
        rule = f".c{r.randrange(10**6):x}-{i}{{{';'.join(r.sample(props, r.randrange(2, 6)))}}}"
        if i % 9 == 0:
            rule = f"@media screen and (min-width:{r.choice([750, 990, 1200])}px){{{rule}}}"
        out.append(rule)
        size += len(rule)
        i += 1
    return "<style>" + "".join(out) + "</style>"


def js(r, kb):
    ids = ["e", "t", "n", "r", "o", "i", "a", "s", "c", "u", "l", "d", "f", "p", "h", "m"]
    parts = ["!function(){\"use strict\";var "]
    size = 0
    k = 0
    while size < kb * 1024:
        a, b, c = r.sample(ids, 3)
        chunk = r.choice([
            f"function {a}{k}({b},{c}){{return {b}&&{b}.nodeType===1?{c}.querySelector('[data-{a}{k}]'):null}}",
            f"var {a}{k}={{breakpoint:{r.choice([750, 990])},delay:{r.randrange(100, 900)},label:\"{r.choice(['open', 'close', 'toggle', 'next'])}\"}};",
            f"document.addEventListener(\"{r.choice(['click', 'keyup', 'focusin', 'scroll'])}\",function({b}){{{b}.target.closest(\".js-{a}{k}\")&&{b}.preventDefault()}});",
            f"class {a.upper()}{k} extends HTMLElement{{constructor(){{super(),this.{b}=this.querySelector(\"{c}-{k}\")}}connectedCallback(){{this.{b}&&this.{b}.addEventListener(\"change\",this.onChange.bind(this))}}}}",
            f"window.dataLayer=window.dataLayer||[];dataLayer.push({{event:\"view_{k}\",value:{r.randrange(1000)}}});",
        ])
        parts.append(chunk)
        size += len(chunk)
        k += 1
    parts.append("}();")
    return "<script>" + "".join(parts) + "</script>"


def related(r, n, fmt, style, lang):
    nouns = NOUNS.get(lang, NOUNS["en"])
    cards = []
    for i in range(n):
        name = nouns[(i * 5 + r.randrange(16)) % len(nouns)]
        price = fmt_price(r, fmt)
        img = f"https://cdn.example-assets.net/rel/{r.randrange(10**8):08d}_{i}.jpg"
        href = f"/products/{slug(name)}-{i}"
        if style == "woo":
            cards.append(f'<li class="product type-product status-publish instock has-post-thumbnail"><a href="{href}" class="woocommerce-LoopProduct-link">'
                         f'<img width="300" height="300" src="{img}" class="attachment-woocommerce_thumbnail" alt=""><h2 class="woocommerce-loop-product__title">{name}</h2>'
                         f'<span class="price"><span class="woocommerce-Price-amount amount"><bdi>{price}</bdi></span></span></a>'
                         f'<a href="?add-to-cart={1000 + i}" class="button add_to_cart_button ajax_add_to_cart">Add to cart</a></li>')
        elif style == "magento":
            cards.append(f'<li class="item product product-item"><div class="product-item-info"><a href="{href}" class="product photo product-item-photo">'
                         f'<img class="product-image-photo" src="{img}" alt="{name}"></a><strong class="product name product-item-name"><a class="product-item-link" href="{href}">{name}</a></strong>'
                         f'<div class="price-box price-final_price"><span class="price-container price-final_price tax weee"><span class="price-wrapper"><span class="price">{price}</span></span></span></div></div></li>')
        elif style == "bc":
            cards.append(f'<li class="productGrid-item"><article class="card"><figure class="card-figure"><img class="card-image lazyload" data-src="{img}" alt="{name}"></figure>'
                         f'<div class="card-body"><h3 class="card-title"><a href="{href}">{name}</a></h3><div class="card-text" data-test-info-type="price">'
                         f'<span data-product-price-without-tax class="price price--withoutTax">{price}</span></div></div></article></li>')
        elif style == "kr":
            cards.append(f'<li class="xans-record-"><div class="thumbnail"><a href="{href}"><img src="{img}" alt="{name}"></a></div>'
                         f'<div class="description"><strong class="name"><a href="{href}"><span>{name}</span></a></strong>'
                         f'<ul class="spec"><li><span class="title">판매가</span> : <span>{price}</span></li></ul></div></li>')
        elif style == "amazon":
            cards.append(f'<li class="a-carousel-card"><div class="p13n-sc-uncoverable-faceout"><a class="a-link-normal" href="{href}">'
                         f'<img alt="{name}" src="{img}" class="a-dynamic-image p13n-sc-dynamic-image"><div class="p13n-sc-truncate-desktop-type2">{name}</div></a>'
                         f'<div class="a-row"><a class="a-link-normal a-text-normal" href="{href}"><span class="a-size-base a-color-price"><span class="_cDEzb_p13n-sc-price_3mJ9Z">{price}</span></span></a></div></div></li>')
        elif style == "plain":
            cards.append(f'<div class="teaser"><a href="{href}"><img src="{img}" alt=""><p>{name}</p><p class="teaser-price">{price}</p></a></div>')
        else:
            cards.append(f'<li class="grid__item"><div class="card-wrapper product-card-wrapper"><div class="card card--standard card--media">'
                         f'<div class="card__media"><img src="{img}" alt="{name}" class="motion-reduce" loading="lazy" width="533" height="533"></div>'
                         f'<div class="card__content"><h3 class="card__heading h5"><a href="{href}" class="full-unstyled-link">{name}</a></h3>'
                         f'<div class="price"><div class="price__container"><div class="price__regular"><span class="visually-hidden">Regular price</span>'
                         f'<span class="price-item price-item--regular">{price}</span></div></div></div></div></div></div></li>')
    titles = {"en": "You may also like", "de": "Das könnte dir auch gefallen", "fr": "Vous aimerez aussi", "es": "También te puede gustar",
              "pl": "Może Ci się spodobać", "ko": "함께 보면 좋은 상품", "ja": "おすすめ商品"}
    return (f'<section class="related-products"><h2 class="related-products__heading">{titles.get(lang, titles["en"])}</h2>'
            f'<ul class="grid product-grid" role="list">' + "".join(cards) + '</ul></section>')


MARKER = re.compile(r"<!--@([a-z]+)([^>]*?)-->")


def expand(name, html):
    r = rng_for(name)

    def sub(m):
        kind = m.group(1)
        args = [a for a in m.group(2).split(":") if a]
        if kind == "nav":
            return nav(r, args[0], int(args[1]))
        if kind == "footer":
            return footer(r, args[0])
        if kind == "svg":
            return svg(r, int(args[0]))
        if kind == "css":
            return css(r, int(args[0]))
        if kind == "js":
            return js(r, int(args[0]))
        if kind == "related":
            return related(r, int(args[0]), args[1], args[2], args[3] if len(args) > 3 else "en")
        raise SystemExit(f"{name}: unknown marker {m.group(0)}")

    return MARKER.sub(sub, html)


def main():
    os.makedirs(OUT, exist_ok=True)
    gold = [json.loads(l) for l in open(os.path.join(ROOT, "gold.jsonl"), encoding="utf-8") if l.strip()]
    names = sorted(f[:-5] for f in os.listdir(SRC) if f.endswith(".html"))
    listed = {g["id"] for g in gold}
    # A page saved from the web has no source here: it must already be in pages/.
    missing = [n for n in names if n not in listed] + [
        g["id"] for g in gold if g["id"] not in names and not os.path.exists(os.path.join(OUT, g["id"] + ".html.gz"))]
    if missing:
        raise SystemExit(f"pages and gold.jsonl disagree: {missing}")
    for name in names:
        with open(os.path.join(SRC, name + ".html"), encoding="utf-8") as f:
            html = expand(name, f.read())
        data = html.encode(g_encoding(gold, name), errors="xmlcharrefreplace")  # as a legacy-charset server would write them
        with open(os.path.join(OUT, name + ".html.gz"), "wb") as f:
            # mtime=0: rebuilding gives byte-identical files.
            f.write(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{len(names)} pages written to {OUT}", file=sys.stderr)
    if ROOT != HERE:
        return
    # 100 batch lines for the CLI benchmark: every page, then again from the start.
    lines = []
    i = 0
    while len(lines) < 100:
        g = gold[i % len(gold)]
        lines.append(json.dumps({"file": f"bench/scraper/corpus/pages/{g['id']}.html.gz", "url": g["url"]}, ensure_ascii=False))
        i += 1
    with open(os.path.join(HERE, "batch-100.ndjson"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def g_encoding(gold, name):
    for g in gold:
        if g["id"] == name:
            return g.get("encoding", "utf-8")
    return "utf-8"


if __name__ == "__main__":
    main()

package dev.gleaner.collectors.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlTextTest {
    @Test
    void smartEditorMarkupBecomesParagraphs() {
        String html = "<div class=\"se-main-container\"><div class=\"se-component se-text\"><div class=\"se-module\">"
                + "<p class=\"se-text-paragraph\"><span>코 수술 상담 다녀왔어요&nbsp;!</span></p>"
                + "<p class=\"se-text-paragraph\"><span>가격은 350만원</span><span> (VAT 별도)</span></p>"
                + "</div></div><div class=\"se-component se-image\"><img src=\"https://x/y.jpg\" alt=\"사진\"></div></div>";
        assertEquals("코 수술 상담 다녀왔어요 !\n가격은 350만원 (VAT 별도)", HtmlText.toText(html));
    }

    @Test
    void scriptsStylesAndCommentsDisappear() {
        String html = "<p>안녕</p><script>var a = '<p>숨김</p>';</script><STYLE>p{color:red}</STYLE><!-- <p>주석</p> -->"
                + "<p>하세요</p>";
        assertEquals("안녕\n하세요", HtmlText.toText(html));
    }

    @Test
    void entitiesAndLineBreaks() {
        assertEquals("A & B < C\n\"따옴표\" ’ 😀 ©",
                HtmlText.toText("A &amp; B &lt; C<br/>&quot;따옴표&quot; &#8217; &#x1F600; &copy;"));
        assertEquals("a &unknown; b & c", HtmlText.toText("a &unknown; b & c"));
        assertEquals("자유&수다", HtmlText.unescape("자유&amp;수다"));
        assertEquals("plain", HtmlText.unescape("plain"));
        assertEquals("\uFFFD", HtmlText.toText("&#0;"));
    }

    @Test
    void brokenMarkupIsSafe() {
        assertEquals("1 < 2 and 3 > 2", HtmlText.toText("1 < 2 and 3 > 2"));
        assertEquals("before", HtmlText.toText("before<div class=\"unterminated"));
        assertEquals("x", HtmlText.toText("x<!-- never closed <p>y</p>"));
        assertEquals("a", HtmlText.toText("a<script>never closed"));
        assertEquals("quoted > inside", HtmlText.toText("<a title=\"a > b\">quoted &gt; inside</a>"));
        assertNull(HtmlText.toText(null));
        assertEquals("", HtmlText.toText(""));
    }

    @Test
    void blankLinesCollapse() {
        assertEquals("a\n\nb", HtmlText.toText("a<br><br><br><br>b"));
        assertEquals("셀1 셀2\n셀3", HtmlText.toText("<table><tr><td>셀1</td><td>셀2</td></tr><tr><td>셀3</td></tr></table>"));
    }

    @Test
    void pathologicalInputStaysText() {
        String html = "<".repeat(200_000) + "&".repeat(200_000) + "<script>" + "</scrip".repeat(50_000);
        String text = HtmlText.toText(html);
        assertEquals(400_000, text.length());
        assertTrue(text.startsWith("<<<") && text.endsWith("&&&"));
    }
}

package cn.shangliang.channel.weixin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlTest {

    @TempDir
    Path dir;

    @Test
    void flatCallback_fieldsWithCdataUnwrapped() {
        var parsed = SafeXml.fields("<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n"
                + "<MsgId>4561255354251345929</MsgId><Content><![CDATA[a < b & 你好]]></Content></xml>");

        assertThat(parsed).isInstanceOf(SafeXml.Parsed.Fields.class);
        var fields = (SafeXml.Parsed.Fields) parsed;
        assertThat(fields.get("ToUserName")).isEqualTo("wx5823bf96d3bd56c7");
        assertThat(fields.get("MsgId")).isEqualTo("4561255354251345929");
        assertThat(fields.get("Content")).isEqualTo("a < b & 你好");
        assertThat(fields.get("Missing")).isEmpty();
    }

    @Test
    void doctype_isRefused() {
        assertRefused("<!DOCTYPE xml><xml><Content>x</Content></xml>");
    }

    @Test
    void externalEntity_isRefusedAndTheFileNeverRead() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"" + secret.toUri()
                + "\">]><xml><Content>&e;</Content></xml>";

        var parsed = SafeXml.fields(xxe);

        assertThat(parsed).isInstanceOf(SafeXml.Parsed.Refused.class);
        assertThat(((SafeXml.Parsed.Refused) parsed).reason()).doesNotContain("TOP-SECRET");
    }

    @Test
    void billionLaughs_isRefused() {
        assertRefused("<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<xml><Content>&b;&b;&b;</Content></xml>");
    }

    @Test
    void xinclude_isNotProcessed() throws Exception {
        Path secret = dir.resolve("inc.xml");
        Files.writeString(secret, "<Content>INCLUDED</Content>");
        var parsed = SafeXml.fields("<xml xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\""
                + secret.toUri() + "\"/><MsgType>text</MsgType></xml>");

        assertThat(parsed).isInstanceOf(SafeXml.Parsed.Fields.class);
        assertThat(((SafeXml.Parsed.Fields) parsed).values().values()).doesNotContain("INCLUDED");
    }

    @Test
    void notXml_wrongRoot_badUtf8_areRefused() {
        assertRefused("{\"MsgType\":\"text\"}");
        assertRefused("<xml><Content>unclosed</xml>");
        assertRefused("<root><Content>x</Content></root>");
        assertThat(SafeXml.fields(new byte[] {'<', 'x', 'm', 'l', '>', (byte) 0xff, '<', '/', 'x', 'm', 'l', '>'}))
                .isInstanceOf(SafeXml.Parsed.Refused.class);
        assertThat(SafeXml.fields("<xml><A>ok</A></xml>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SafeXml.Parsed.Fields.class);
    }

    @Test
    void cdata_splitsTheTerminator() {
        String xml = "<xml><Content>" + SafeXml.cdata("a]]>b") + "</Content></xml>";
        assertThat(((SafeXml.Parsed.Fields) SafeXml.fields(xml)).get("Content")).isEqualTo("a]]>b");
    }

    private static void assertRefused(String xml) {
        assertThat(SafeXml.fields(xml)).isInstanceOf(SafeXml.Parsed.Refused.class);
    }
}

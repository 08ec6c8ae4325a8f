package cn.shangliang.channel.weixin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The official WXBizMsgCrypt vectors (PLATFORMS.md §0.1) as exact fixtures, and what must be refused. */
class WxBizMsgCryptTest {

    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String CORP_ID = "wx5823bf96d3bd56c7";

    static final String A_ECHOSTR =
            "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    static final String B_ENCRYPT =
            "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3Qczc"
                    + "dCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHz"
                    + "M6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrX"
                    + "JB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H"
                    + "3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
    static final String B_PLAIN = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n"
            + "<FromUserName><![CDATA[mycreate]]></FromUserName>\n"
            + "<CreateTime>1409659813</CreateTime>\n"
            + "<MsgType><![CDATA[text]]></MsgType>\n"
            + "<Content><![CDATA[hello]]></Content>\n"
            + "<MsgId>4561255354251345929</MsgId>\n"
            + "<AgentID>218</AgentID>\n"
            + "</xml>";
    static final String C_ENCRYPT =
            "pvXgeha3nZ7UQ2DG3WD3IVsNJR38QVl1+h+wmLQHIAwEG3Jey2aTZtvAWzhEZ9JEKGwIUMBWX3JlUhfo7O7WbvI1"
                    + "0vHIsdSNr1nr3LuOwAfnwLJAMQNDxi5tHUl08Op59jxOL73r8+g60KOxMTaFwXzlr9Yxgq5ey5nzNb/2vDjjvDZNXkJVmL/XWnv6PXrVbTpN"
                    + "xphqWRv2BpPYqvwRMkHgdFliatljMVlkkRHS40FOHmtBhj/4RXtIexfDx8opBXwi0L9RTlYNQzGx+FA+74xVHG7Le/pmNDwc2Ri5mbw=";

    private final WxBizMsgCrypt crypt = new WxBizMsgCrypt(TOKEN, AES_KEY, CORP_ID, new Random(1));

    @Test
    void aesKey_isBase64OfTheEncodingKeyPlusEquals() {
        assertThat(HexFormat.of().formatHex(WxBizMsgCrypt.aesKey(AES_KEY)))
                .isEqualTo("8d69989bbaabe67328014c194631ad0719b3dca035b64023df292447aab60760");
    }

    @Test
    void vectorA_urlVerification_signatureAndEchostr() {
        assertThat(crypt.signature("1409659589", "263014780", A_ECHOSTR))
                .isEqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
        assertThat(crypt.verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", A_ECHOSTR))
                .isTrue();
        assertThat(crypt.decrypt(A_ECHOSTR)).isEqualTo(new WxBizMsgCrypt.Opened.Message("1616140317555161061"));
    }

    @Test
    void vectorB_encryptedXmlMessage_padOf30() {
        assertThat(crypt.verify("477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149", B_ENCRYPT))
                .isTrue();
        assertThat(crypt.decrypt(B_ENCRYPT)).isEqualTo(new WxBizMsgCrypt.Opened.Message(B_PLAIN));
    }

    @Test
    void vectorC_encryptedJsonMessage() {
        assertThat(crypt.signature("1409659813", "1372623149", C_ENCRYPT))
                .isEqualTo("1f3153b7abd0ba99b4ab2e57fac2376110d03a3c");
        var opened = crypt.decrypt(C_ENCRYPT);
        assertThat(opened).isInstanceOf(WxBizMsgCrypt.Opened.Message.class);
        assertThat(((WxBizMsgCrypt.Opened.Message) opened).text())
                .contains("\"MsgType\": \"text\"")
                .contains("hello");
    }

    @Test
    void vectorD_deterministicEncryption_chineseCountsBytes() {
        var wxJava = new WxBizMsgCrypt(
                "pamtest", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6", new Random(1));
        String encrypted = wxJava.encrypt("aaaabbbbccccdddd".getBytes(StandardCharsets.US_ASCII), "我是中文abcd123");

        assertThat(encrypted)
                .isEqualTo("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");
        assertThat(wxJava.signature("1409304348", "xxxxxx", encrypted))
                .isEqualTo("82c962d39941aa48552f90ef55aa323dc620cc10");
        assertThat(wxJava.decrypt(encrypted)).isEqualTo(new WxBizMsgCrypt.Opened.Message("我是中文abcd123"));
    }

    @Test
    void officialAccountPlainSignature_sortsThreeValues() {
        assertThat(WxBizMsgCrypt.sha1OfSorted("AAAAA", "1714037059", "486452656"))
                .isEqualTo("899cf89e464efb63f54ddac96b0a0a235f53aa78");
    }

    @Test
    void signatureComparison_ignoresHexCase_refusesOthers() {
        String good = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
        assertThat(WxBizMsgCrypt.sameSignature(good, good.toUpperCase())).isTrue();
        assertThat(WxBizMsgCrypt.sameSignature(good, good.substring(1) + "0")).isFalse();
        assertThat(WxBizMsgCrypt.sameSignature(good, "")).isFalse();
        assertThat(WxBizMsgCrypt.sameSignature(good, null)).isFalse();
        assertThat(crypt.verify(good, "1409659589", "263014781", A_ECHOSTR)).isFalse();
    }

    @Test
    void roundTrip_everyLengthAroundTheBlock() {
        for (int n = 0; n < 80; n++) {
            String text = "字".repeat(n % 7) + "x".repeat(n);
            assertThat(crypt.decrypt(crypt.encrypt(text))).isEqualTo(new WxBizMsgCrypt.Opened.Message(text));
        }
    }

    @Test
    void otherReceiveId_isRefused() {
        var otherCorp = new WxBizMsgCrypt(TOKEN, AES_KEY, "wwothercorp", new Random(2));

        var opened = crypt.decrypt(otherCorp.encrypt("<xml/>"));

        assertThat(opened).isInstanceOf(WxBizMsgCrypt.Opened.Refused.class);
        assertThat(((WxBizMsgCrypt.Opened.Refused) opened).code()).isEqualTo(WxBizMsgCrypt.RECEIVE_ID_MISMATCH);
    }

    @Test
    void garbage_isRefusedNotThrown() {
        assertThat(crypt.decrypt("not base64 !")).isInstanceOf(WxBizMsgCrypt.Opened.Refused.class);
        assertThat(crypt.decrypt("AAAA")).isInstanceOf(WxBizMsgCrypt.Opened.Refused.class);
        assertThat(crypt.decrypt("")).isInstanceOf(WxBizMsgCrypt.Opened.Refused.class);
        // a valid ciphertext of another key decrypts to noise: bad padding or length, refused
        var otherKey = new WxBizMsgCrypt(TOKEN, "a".repeat(43), CORP_ID, new Random(3));
        for (int i = 0; i < 20; i++) {
            assertThat(crypt.decrypt(otherKey.encrypt("hello " + i))).isInstanceOf(WxBizMsgCrypt.Opened.Refused.class);
        }
    }

    @Test
    void badEncodingAesKey_isRefusedAtConstruction() {
        assertThat(WxBizMsgCrypt.keyProblem("short")).isPresent();
        assertThat(WxBizMsgCrypt.keyProblem(AES_KEY + "=")).isPresent();
        assertThat(WxBizMsgCrypt.keyProblem(AES_KEY)).isEmpty();
        assertThatThrownBy(() -> new WxBizMsgCrypt(TOKEN, "x".repeat(42) + "/", CORP_ID, new Random()))
                .hasMessageContaining("43");
    }

    @Test
    void replyEnvelope_isExactlyTheOfficialGenerateFormat_andSigned() {
        String envelope =
                crypt.replyEnvelope("<xml><Content><![CDATA[好]]></Content></xml>", "1409659813", "1372623149");

        var fields = ((SafeXml.Parsed.Fields) SafeXml.fields(envelope)).values();
        String encrypt = fields.get("Encrypt");
        assertThat(envelope)
                .isEqualTo(
                        "<xml>\n<Encrypt><![CDATA[" + encrypt + "]]></Encrypt>\n<MsgSignature><![CDATA["
                                + crypt.signature("1409659813", "1372623149", encrypt)
                                + "]]></MsgSignature>\n<TimeStamp>1409659813</TimeStamp>\n<Nonce><![CDATA[1372623149]]></Nonce>\n</xml>");
        assertThat(crypt.decrypt(encrypt))
                .isEqualTo(new WxBizMsgCrypt.Opened.Message("<xml><Content><![CDATA[好]]></Content></xml>"));
    }
}

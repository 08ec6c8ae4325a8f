package cn.shangliang.channel.wechat;

import cn.shangliang.channel.weixin.SafeXml;
import java.time.Instant;

/** The passive text reply of an Official Account (被动回复用户消息, text). */
final class PassiveReply {

    private PassiveReply() {}

    /**
     * @param toUser the user's openid (the message's FromUserName)
     * @param fromAccount the account's original id, gh_… (the message's ToUserName)
     */
    static String text(String toUser, String fromAccount, Instant at, String content) {
        return "<xml>\n<ToUserName>" + SafeXml.cdata(toUser) + "</ToUserName>\n<FromUserName>"
                + SafeXml.cdata(fromAccount) + "</FromUserName>\n<CreateTime>" + at.getEpochSecond()
                + "</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content>" + SafeXml.cdata(content)
                + "</Content>\n</xml>";
    }
}

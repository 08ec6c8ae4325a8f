package cn.shangliang.dialogue;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.MessageHandler;
import cn.shangliang.channel.Reply;
import java.util.List;
import java.util.Map;

/**
 * The handler until intents and conversation state arrive: answers every message with the help text, in English when
 * the user writes English or the channel says so.
 */
public final class HelpOnlyHandler implements MessageHandler {

    private final Responses responses;

    public HelpOnlyHandler(Responses responses) {
        this.responses = responses;
    }

    @Override
    public List<Reply> handle(Inbound message) {
        return List.of(new Reply.ToSender(responses.render("utter_help", language(message), Map.of())));
    }

    static String language(Inbound message) {
        String hint = message.attribute("lang");
        if (!hint.isEmpty()) {
            return hint.startsWith("en") ? "en" : Responses.DEFAULT_LANGUAGE;
        }
        boolean latin = message.text().codePoints().anyMatch(Character::isLetter)
                && message.text().codePoints().filter(Character::isLetter).allMatch(c -> c < 0x250);
        return latin ? "en" : Responses.DEFAULT_LANGUAGE;
    }
}

package cn.shangliang.dialogue;

import cn.shangliang.channel.Inbound;

/**
 * Whether a message was spoken: channels put {@code voice} = {@code recognised} on a voice message whose words the
 * platform recognised (the text is those words), {@code unrecognised} on one without words (WeCom, Telegram, or a
 * WeChat voice the platform could not make out).
 */
enum Voice {
    NONE,
    RECOGNISED,
    UNRECOGNISED;

    static Voice of(Inbound message) {
        return switch (message.attribute(Inbound.VOICE)) {
            case Inbound.VOICE_RECOGNISED -> message.text().isBlank() ? UNRECOGNISED : RECOGNISED;
            case Inbound.VOICE_UNRECOGNISED -> UNRECOGNISED;
            default -> NONE;
        };
    }
}

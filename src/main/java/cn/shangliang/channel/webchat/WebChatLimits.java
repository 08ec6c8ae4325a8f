package cn.shangliang.channel.webchat;

import java.time.Duration;

/**
 * Abuse limits of the open web chat, per minute and counted in Redis so that they hold across connections and
 * processes.
 *
 * @param messagesPerUid messages one uid may send, whatever the number of its connections (a browser's tabs share it)
 * @param messagesPerAddress messages from one client address (a village office's shared Wi-Fi is one address)
 * @param connectionsPerAddress new connections from one client address
 * @param messagesTotal messages from everyone together; beyond it messages are refused as "busy"
 * @param connectionsTotal new connections from everyone together; beyond it the upgrade answers 503
 * @param perConnectionFlood messages one connection may send before it is closed (a client ignoring refusals)
 * @param claimFor how long a uid stays claimed after its last connection (its session token works that long)
 * @param addressHeader the header holding the client address behind a reverse proxy ("" = the socket's peer)
 */
public record WebChatLimits(
        int messagesPerUid,
        int messagesPerAddress,
        int connectionsPerAddress,
        int messagesTotal,
        int connectionsTotal,
        int perConnectionFlood,
        Duration window,
        Duration claimFor,
        String addressHeader) {

    public WebChatLimits {
        if (messagesPerUid < 1 || messagesPerAddress < 1 || connectionsPerAddress < 1) {
            throw new IllegalArgumentException("web chat limits must be at least 1");
        }
        if (messagesTotal < 1 || connectionsTotal < 1 || perConnectionFlood < 1) {
            throw new IllegalArgumentException("web chat limits must be at least 1");
        }
        addressHeader = addressHeader == null ? "" : addressHeader.strip();
    }

    /** The defaults of the sample configuration. */
    public static WebChatLimits defaults() {
        return new WebChatLimits(30, 600, 120, 6000, 3000, 60, Duration.ofMinutes(1), Duration.ofDays(180), "");
    }
}

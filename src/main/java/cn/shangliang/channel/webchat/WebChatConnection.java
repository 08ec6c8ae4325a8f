package cn.shangliang.channel.webchat;

/** One open browser connection, as the hub needs it; the web layer adapts its WebSocket to this. */
public interface WebChatConnection {

    String userId();

    /** The client's address (the peer's, or the configured proxy header's), for the per-address limits. */
    String address();

    /** Sends one JSON text frame; never throws for a closed connection. */
    void send(String json);

    /** Closes with a WebSocket status code and a short reason. */
    void close(int status, String reason);
}

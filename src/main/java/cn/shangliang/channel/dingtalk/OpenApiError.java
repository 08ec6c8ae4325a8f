package cn.shangliang.channel.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * The error body of a v1.0 OpenAPI call: {@code {"code": "InvalidAuthentication", "requestid": "…", "message":
 * "不合法的access_token"}} (HTTP 400 or 401 for a refused access token; seen in the SDKs' issue reports).
 */
record OpenApiError(String code, String message) {

    static OpenApiError of(ObjectMapper mapper, String body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.isObject()) {
                return new OpenApiError(
                        node.path("code").asText(""), node.path("message").asText(""));
            }
        } catch (IOException e) {
            // not JSON (a gateway's HTML page)
        }
        return new OpenApiError("", "");
    }

    /** The access token was refused (expired, revoked, wrong): worth one retry with a fresh token. */
    boolean invalidToken() {
        return code.equals("InvalidAuthentication")
                || message.toLowerCase(Locale.ROOT).contains("access_token");
    }

    /** DingTalk's flow control ({@code Forbidden.AccessDenied.QpsLimitForApi} and the like). */
    boolean throttled() {
        String c = code.toLowerCase(Locale.ROOT);
        return c.contains("qpslimit") || c.contains("throttl") || c.contains("flowcontrol");
    }

    @Override
    public String toString() {
        return code.isEmpty() && message.isEmpty() ? "(no error body)" : code + ": " + message;
    }
}

package cn.shangliang.web;

/** What the HTTP layer needs to know of the configuration. */
public record WebSettings(String host, int port, int maxThreads, int maxWebSocketFrameBytes) {}

package cn.shangliang.web;

import java.util.function.BooleanSupplier;

/** One condition of {@code /ready}, e.g. "redis" or "topic-index". */
public record Readiness(String name, BooleanSupplier check) {}

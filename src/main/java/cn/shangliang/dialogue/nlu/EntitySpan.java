package cn.shangliang.dialogue.nlu;

/** An annotated entity in a training example: {@code text.substring(start, end)} is {@code value} of type {@code entity}. */
public record EntitySpan(String entity, int start, int end, String value) {}

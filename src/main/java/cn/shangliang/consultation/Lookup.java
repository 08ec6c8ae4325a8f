package cn.shangliang.consultation;

/** A read that staff may be refused: found, not found, or outside their scope. */
public sealed interface Lookup<T> {

    record Found<T>(T value) implements Lookup<T> {}

    record NotFound<T>(String id) implements Lookup<T> {}

    record Forbidden<T>(String id) implements Lookup<T> {}
}

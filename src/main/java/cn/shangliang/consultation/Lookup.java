package cn.shangliang.consultation;

/** A read on behalf of a staff member: what was found, or that it is outside their scope, or that there is none. */
public sealed interface Lookup<T> {

    record Found<T>(T value) implements Lookup<T> {}

    record Forbidden<T>() implements Lookup<T> {}

    record NotFound<T>() implements Lookup<T> {}
}

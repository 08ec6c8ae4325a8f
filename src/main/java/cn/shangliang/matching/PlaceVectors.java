package cn.shangliang.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topics' vectors in 8 bits, stored one block per place (a town's town-level topics, a village's topics), so that
 * finding the topics of a place closest in meaning to a concern reads one contiguous array instead of following a
 * pointer per topic. Each value is {@code round(v[i] / scale)} with one scale per vector; the cosine of two vectors is
 * then an integer dot product times both scales, within about 0.01 of the exact one.
 *
 * <p>Writes are serialised; a search reads an immutable snapshot of each block. Appending writes past the snapshot's
 * end in arrays shared with earlier snapshots (which never read there); replacing or removing copies the block.
 */
final class PlaceVectors {

    /** A block as searches see it: the first {@code count} entries of the arrays. */
    private record Block(String[] ids, float[] scales, byte[] values, int dims, int count) {}

    private record Entry(String place, int version) {}

    private final Map<String, Block> blocks = new ConcurrentHashMap<>();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Whether this topic's vector is stored for this place and text version. */
    boolean has(String id, String place, int version) {
        Entry e = entries.get(id);
        return e != null && e.version() == version && e.place().equals(place);
    }

    /** Stores (or replaces) a topic's unit vector under its place. */
    synchronized void put(String id, String place, int version, float[] vector) {
        Block target = blocks.get(place);
        if (target != null && target.dims() != vector.length) {
            return; // not of this model (a stored vector from another one): left out of the search, never fatal
        }
        Entry old = entries.get(id);
        if (old != null && !old.place().equals(place)) {
            removeFrom(old.place(), id);
            old = null;
        }
        byte[] q = new byte[vector.length];
        float scale = quantise(vector, q);
        Block b = blocks.get(place);
        int dims = vector.length;
        if (old != null) { // replace: copy, so that no snapshot sees a half-written vector
            int i = indexOf(b, id);
            String[] ids = Arrays.copyOf(b.ids(), b.ids().length);
            float[] scales = Arrays.copyOf(b.scales(), b.scales().length);
            byte[] values = Arrays.copyOf(b.values(), b.values().length);
            scales[i] = scale;
            System.arraycopy(q, 0, values, i * dims, dims);
            blocks.put(place, new Block(ids, scales, values, dims, b.count()));
        } else if (b == null || b.count() == b.ids().length) { // grow
            int count = b == null ? 0 : b.count();
            int capacity = Math.max(8, count + count / 2);
            String[] ids = b == null ? new String[capacity] : Arrays.copyOf(b.ids(), capacity);
            float[] scales = b == null ? new float[capacity] : Arrays.copyOf(b.scales(), capacity);
            byte[] values = b == null ? new byte[capacity * dims] : Arrays.copyOf(b.values(), capacity * dims);
            ids[count] = id;
            scales[count] = scale;
            System.arraycopy(q, 0, values, count * dims, dims);
            blocks.put(place, new Block(ids, scales, values, dims, count + 1));
        } else { // append past the end every existing snapshot reads
            int count = b.count();
            b.ids()[count] = id;
            b.scales()[count] = scale;
            System.arraycopy(q, 0, b.values(), count * dims, dims);
            blocks.put(place, new Block(b.ids(), b.scales(), b.values(), dims, count + 1));
        }
        entries.put(id, new Entry(place, version));
    }

    synchronized void remove(String id) {
        Entry old = entries.remove(id);
        if (old != null) {
            removeFrom(old.place(), id);
        }
    }

    /** Keeps only these topics. */
    synchronized void retain(Set<String> ids) {
        for (String id : new ArrayList<>(entries.keySet())) {
            if (!ids.contains(id)) {
                remove(id);
            }
        }
    }

    /** Whether any topic of these places has its vector here. */
    boolean anyIn(List<String> places) {
        for (String place : places) {
            if (blocks.containsKey(place)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return entries.size();
    }

    /**
     * The ids of the topics of these places closest to {@code vector} (best first), at most {@code k}, each with an
     * approximate cosine of at least {@code floor}, leaving out {@code exclude}.
     */
    List<String> closest(float[] vector, List<String> places, Set<String> exclude, int k, double floor) {
        byte[] q = new byte[vector.length];
        float qScale = quantise(vector, q);
        String[] best = new String[k];
        double[] bestCos = new double[k];
        Arrays.fill(bestCos, floor);
        for (String place : places) {
            Block b = blocks.get(place);
            if (b == null || b.dims() != q.length) {
                continue;
            }
            byte[] values = b.values();
            int dims = b.dims();
            for (int t = 0; t < b.count(); t++) {
                int off = t * dims;
                int sum = 0;
                for (int i = 0; i < dims; i++) {
                    sum += q[i] * values[off + i];
                }
                double cos = (double) sum * qScale * b.scales()[t];
                if (cos < bestCos[k - 1] || exclude.contains(b.ids()[t])) {
                    continue;
                }
                int i = k - 1;
                while (i > 0 && cos >= bestCos[i - 1]) {
                    bestCos[i] = bestCos[i - 1];
                    best[i] = best[i - 1];
                    i--;
                }
                bestCos[i] = cos;
                best[i] = b.ids()[t];
            }
        }
        List<String> out = new ArrayList<>(k);
        for (String id : best) {
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    /** The exact-enough cosine of two unit vectors by the same 8-bit arithmetic as a search (for tests). */
    static double approximateCosine(float[] a, float[] b) {
        byte[] qa = new byte[a.length];
        byte[] qb = new byte[b.length];
        float sa = quantise(a, qa);
        float sb = quantise(b, qb);
        int sum = 0;
        for (int i = 0; i < qa.length; i++) {
            sum += qa[i] * qb[i];
        }
        return (double) sum * sa * sb;
    }

    private static float quantise(float[] v, byte[] out) {
        float max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max == 0 ? 1 : max / 127f;
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) Math.round(v[i] / scale);
        }
        return scale;
    }

    private void removeFrom(String place, String id) {
        Block b = blocks.get(place);
        int i = indexOf(b, id);
        if (i < 0) {
            return;
        }
        int last = b.count() - 1;
        if (last == 0) {
            blocks.remove(place);
            return;
        }
        int dims = b.dims();
        String[] ids = Arrays.copyOf(b.ids(), b.ids().length);
        float[] scales = Arrays.copyOf(b.scales(), b.scales().length);
        byte[] values = Arrays.copyOf(b.values(), b.values().length);
        ids[i] = ids[last];
        scales[i] = scales[last];
        System.arraycopy(values, last * dims, values, i * dims, dims);
        ids[last] = null;
        blocks.put(place, new Block(ids, scales, values, dims, last));
    }

    private static int indexOf(Block b, String id) {
        if (b == null) {
            return -1;
        }
        for (int i = 0; i < b.count(); i++) {
            if (b.ids()[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Stored topics by place (for tests). */
    Map<String, List<String>> byPlace() {
        Map<String, List<String>> out = new HashMap<>();
        blocks.forEach((place, b) -> out.put(place, List.of(Arrays.copyOf(b.ids(), b.count()))));
        return out;
    }
}

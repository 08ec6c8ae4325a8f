package cn.shangliang.matching;

/** Turns a short Chinese text into a unit-length vector whose dot products measure closeness of meaning. */
public interface SentenceEncoder {

    float[] encode(String text);

    /** The dot product of two unit vectors: their cosine similarity. */
    static double cosine(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}

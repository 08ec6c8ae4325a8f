package cn.shangliang.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaceVectorsTest {

    private static final float[] EAST = {1, 0, 0};
    private static final float[] NORTH = {0, 1, 0};
    private static final float[] NORTH_EAST = {0.8f, 0.6f, 0};

    @Test
    void closest_searchesOnlyTheGivenPlaces_bestFirst_aboveTheFloor_withoutTheExcluded() {
        PlaceVectors v = new PlaceVectors();
        v.put("a", "V|镇|甲村", 1, EAST);
        v.put("b", "V|镇|甲村", 1, NORTH_EAST);
        v.put("c", "T|镇", 1, NORTH);
        v.put("d", "V|镇|乙村", 1, EAST);

        assertThat(v.closest(EAST, List.of("T|镇", "V|镇|甲村"), Set.of(), 3, 0.45)).containsExactly("a", "b");
        assertThat(v.closest(NORTH, List.of("T|镇", "V|镇|甲村"), Set.of(), 3, 0.45))
                .containsExactly("c", "b");
        assertThat(v.closest(EAST, List.of("T|镇", "V|镇|甲村"), Set.of("a"), 3, 0.45))
                .containsExactly("b");
        assertThat(v.closest(EAST, List.of("T|镇", "V|镇|甲村"), Set.of(), 1, 0.45)).containsExactly("a");
        assertThat(v.closest(EAST, List.of("V|镇|丙村"), Set.of(), 3, 0.45)).isEmpty();
        assertThat(v.anyIn(List.of("V|镇|丙村"))).isFalse();
        assertThat(v.anyIn(List.of("V|镇|丙村", "T|镇"))).isTrue();
    }

    @Test
    void replacingAndRemoving_keepEveryOtherTopic_andMovingPlace_leavesTheOldOne() {
        PlaceVectors v = new PlaceVectors();
        for (int i = 0; i < 20; i++) { // beyond the first block's room, so that the block grows
            v.put("t" + i, "P", 1, i % 2 == 0 ? EAST : NORTH);
        }
        v.put("t3", "P", 2, EAST); // new text, new vector
        v.remove("t0");
        v.put("t5", "Q", 2, EAST); // moved to another place

        assertThat(v.size()).isEqualTo(19);
        assertThat(v.has("t3", "P", 2)).isTrue();
        assertThat(v.has("t3", "P", 1)).isFalse();
        assertThat(v.has("t5", "Q", 2)).isTrue();
        assertThat(v.closest(EAST, List.of("P"), Set.of(), 20, 0.9))
                .containsExactlyInAnyOrder("t2", "t3", "t4", "t6", "t8", "t10", "t12", "t14", "t16", "t18");
        assertThat(v.closest(EAST, List.of("Q"), Set.of(), 20, 0.9)).containsExactly("t5");

        v.put("t7", "P", 3, new float[] {1, 0}); // a vector of another length (another model) is left out
        assertThat(v.has("t7", "P", 3)).isFalse();
        assertThat(v.closest(NORTH, List.of("P"), Set.of(), 20, 0.9)).contains("t7");

        v.retain(Set.of("t1", "t5"));
        assertThat(v.byPlace()).isEqualTo(Map.of("P", List.of("t1"), "Q", List.of("t5")));
    }

    @Test
    void aSnapshotTakenBeforeAnAppend_isNotDisturbedByIt() throws Exception {
        PlaceVectors v = new PlaceVectors();
        v.put("x", "P", 1, EAST);
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 5_000; i++) {
                v.put("n" + i, "P", 1, NORTH);
            }
        });
        while (writer.isAlive()) {
            // every search sees x, and never a north vector as close to east
            assertThat(v.closest(EAST, List.of("P"), Set.of(), 2, 0.45)).containsExactly("x");
        }
        writer.join();
        assertThat(v.size()).isEqualTo(5_001);
    }
}

package org.fedcot.models.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What differs between the trajectory settings a checkpoint recorded and a run's own, compared as data rather
 * than as text, so that only a real change refuses a resume: task weights listed in another task order (as an
 * older checkpoint, or one made from a {@code Map.of}, may list them) are the same weights.
 */
final class TrajectoryChanges {
    private TrajectoryChanges() {}

    /** Each setting of {@code now} whose value differs from {@code recorded}'s, as "name before -> now". */
    static List<String> of(Map<String, String> recorded, TrainerConfig now) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : now.trajectory().entrySet()) {
            String before = recorded.get(e.getKey());
            boolean same = e.getKey().equals(TrainerConfig.TASK_WEIGHTS)
                    ? sameWeights(before, now.taskWeights())
                    : e.getValue().equals(before);
            if (!same) {
                changed.add(e.getKey() + " " + before + " -> " + e.getValue());
            }
        }
        return changed;
    }

    /** Whether {@code before}, as {@link TaskWeights#toString} printed it, holds {@code now}'s weights. */
    private static boolean sameWeights(String before, TaskWeights now) {
        if (before == null) {
            return false;
        }
        try {
            return TaskWeights.parse(before).equals(now);
        } catch (IllegalArgumentException e) {
            return false; // unreadable weights cannot be the same; the message shows them as recorded
        }
    }
}

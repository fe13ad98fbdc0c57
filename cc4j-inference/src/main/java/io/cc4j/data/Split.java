package io.cc4j.data;

/** Which part of a dataset with a train/test split to read. */
public enum Split {
    /** The training split only. */
    TRAIN,
    /** The test split only. */
    TEST,
    /** Train followed by test, joined as the paper trains and evaluates on CIFAR and STL-10. */
    TRAIN_AND_TEST;

    /** Short lower-case name for descriptions: {@code train}, {@code test} or {@code train+test}. */
    public String label() {
        return switch (this) {
            case TRAIN -> "train";
            case TEST -> "test";
            case TRAIN_AND_TEST -> "train+test";
        };
    }
}

package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Parameter;
import io.cc4j.model.store.StoredModel;
import io.cc4j.run.RunLayout;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.data.Offset;

/**
 * The newest models of two runs, loaded and closed together, for the tests that check that two ways of training
 * (straight through, or stopped and resumed) end with the same network.
 */
final class NewestModels implements AutoCloseable {
    private final StoredModel expected;
    private final StoredModel actual;

    NewestModels(Path expectedRun, Path actualRun) {
        expected = RunLayout.of(expectedRun).newestModel();
        StoredModel loaded;
        try {
            loaded = RunLayout.of(actualRun).newestModel();
        } catch (RuntimeException e) {
            expected.model().close();
            throw e;
        }
        actual = loaded;
    }

    StoredModel expected() {
        return expected;
    }

    StoredModel actual() {
        return actual;
    }

    /** Every parameter of the expected model, value by value, within 1e-6 of the actual model's. */
    void assertSameParameters() {
        Map<String, Parameter> pa = expected.model().namedParameters();
        Map<String, Parameter> pb = actual.model().namedParameters();
        for (String name : pa.keySet()) {
            float[] x = pa.get(name).getArray().toFloatArray();
            float[] y = pb.get(name).getArray().toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertThat(y[i]).as("%s[%d]", name, i).isCloseTo(x[i], Offset.offset(1e-6f));
            }
        }
    }

    @Override
    public void close() {
        expected.model().close();
        actual.model().close();
    }
}

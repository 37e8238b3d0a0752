package io.netspectra.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netspectra.NetSpectraException;
import io.netspectra.check.RulesLoader;
import io.netspectra.config.ConfigLoader;
import io.netspectra.report.JsonReader;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Target (d): the text inputs a user hands {@code ns-cli}: an {@code analyze --format json} report (for {@code diff}),
 * a configuration file and a rules file. Arbitrary text (the input's bytes as UTF-8) is either accepted or rejected
 * with a {@link NetSpectraException}, within the per-input timeout.
 */
class TextInputFuzzTest {

    @FuzzTest(maxDuration = "1m")
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fuzzJsonReport(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            JsonReader.parse("fuzz.json", text);
        } catch (NetSpectraException e) {
            assertNotNull(e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "1m")
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fuzzConfig(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            assertNotNull(ConfigLoader.parse("fuzz.yaml", text));
        } catch (NetSpectraException e) {
            assertNotNull(e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "1m")
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fuzzRules(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            assertNotNull(RulesLoader.parse("fuzz-rules.yaml", text));
        } catch (NetSpectraException e) {
            assertNotNull(e.getMessage());
        }
    }
}

package dev.gleaner.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests that run commands against the shared local runner; the batch gate is open again after each. */
@ExtendWith(LocalApi.Shared.class)
abstract class WithLocalApi {
    static LocalApi api;

    @BeforeAll
    static void startRunner() throws Exception {
        api = LocalApi.get();
    }

    @AfterEach
    void openTheGate() {
        api.gate.open();
    }
}

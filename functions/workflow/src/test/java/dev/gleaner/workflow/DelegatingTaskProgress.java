package dev.gleaner.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.task.TaskPage;
import dev.gleaner.core.task.TaskProgress;
import dev.gleaner.core.task.TaskQuery;
import dev.gleaner.core.task.TaskRun;
import dev.gleaner.core.task.TaskStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The workflow's side of a task store, passing every call on: tests override the one they want to fail. */
class DelegatingTaskProgress implements TaskProgress {
    private final TaskProgress d;

    DelegatingTaskProgress(TaskProgress delegate) {
        this.d = delegate;
    }

    @Override
    public Optional<CollectionTask> get(String id) {
        return d.get(id);
    }

    @Override
    public Optional<TaskRun> loadRun(String id, String category) {
        return d.loadRun(id, category);
    }

    @Override
    public Secrets secrets(String id) {
        return d.secrets(id);
    }

    @Override
    public TaskPage list(TaskQuery query) {
        return d.list(query);
    }

    @Override
    public boolean markRunning(String id, String execution, Instant now, String currentStep, String logLine) {
        return d.markRunning(id, execution, now, currentStep, logLine);
    }

    @Override
    public TaskStatus addProgress(String id, String execution, String category, Map<String, Object> categoryState,
            int progressDelta, int totalDelta, String currentStep, String logLine) {
        return d.addProgress(id, execution, category, categoryState, progressDelta, totalDelta, currentStep, logLine);
    }

    @Override
    public void appendLog(String id, String logLine) {
        d.appendLog(id, logLine);
    }

    @Override
    public Optional<CollectionTask> finish(String id, String execution, TaskStatus finalStatus, JsonNode resultSummary,
            String error, String currentStep, String logLine, Instant now) {
        return d.finish(id, execution, finalStatus, resultSummary, error, currentStep, logLine, now);
    }

    @Override
    public void saveCategoryState(String id, String category, Map<String, Object> state) {
        d.saveCategoryState(id, category, state);
    }

    @Override
    public Map<String, Object> categoryState(String id, String category) {
        return d.categoryState(id, category);
    }

    @Override
    public Map<String, Map<String, Object>> allCategoryStates(String id) {
        return d.allCategoryStates(id);
    }
}

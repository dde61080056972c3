package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** A value computed at run time: a path, or an intrinsic function call. */
interface ValueExpr {
    /** @throws StatesError when the value cannot be computed */
    JsonNode evaluate(JsonNode input, EvalContext ctx);
}

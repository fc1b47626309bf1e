package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GET /v1/models and /v1/models/{id}: the one hosted model, as OpenAI describes models, plus vLLM's
 * {@code max_model_len} so clients can size their prompts.
 */
final class ModelsEndpoint {
    private final ServedModel model;
    private final long created;
    private final ObjectMapper mapper;

    ModelsEndpoint(ServedModel model, long created, ObjectMapper mapper) {
        this.model = model;
        this.created = created;
        this.mapper = mapper;
    }

    /** {@code {"object": "list", "data": [model]}}. */
    ObjectNode list() {
        ObjectNode list = mapper.createObjectNode();
        list.put("object", "list");
        list.putArray("data").add(model());
        return list;
    }

    /** The model object for {@code id}. */
    ObjectNode retrieve(String id) {
        if (!id.equals(model.id())) {
            throw ApiException.modelNotFound(id);
        }
        return model();
    }

    private ObjectNode model() {
        ObjectNode m = mapper.createObjectNode();
        m.put("id", model.id());
        m.put("object", "model");
        m.put("created", created);
        m.put("owned_by", "fedcot");
        m.put("max_model_len", model.contextLength());
        return m;
    }
}

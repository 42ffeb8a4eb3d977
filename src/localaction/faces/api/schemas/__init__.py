"""API schemas: outputs (``*Out``) and inputs (``*In``) kept apart; both derived from the models' fields
(``derive.model_schema``) where the model is the definition."""

-- CloudEvents on Kafka (issue #13): the relay sends ce_source and traceparent from the row that was written in the
-- producer's transaction. Rows written before this migration have neither: the relay then uses its own source.
ALTER TABLE job_outbox
    ADD COLUMN source text,
    ADD COLUMN traceparent text;

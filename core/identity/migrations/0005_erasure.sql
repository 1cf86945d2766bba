-- When a person's account was erased (anonymized): the row stays, without anything that
-- identifies her, so that counts of memberships and records over time stay right.
ALTER TABLE auth_users ADD COLUMN erased_at BIGINT;

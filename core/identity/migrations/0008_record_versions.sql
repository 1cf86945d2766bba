-- Updates say which version of a record they change (If-Match): an account's version counts the
-- changes made to its standing (disabled, enabled), and goes to the People list as its ETag.
-- Memberships are listed in pages cut on their id within the organization.
ALTER TABLE auth_users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE INDEX auth_memberships_org_id ON auth_memberships (organization_id, id);

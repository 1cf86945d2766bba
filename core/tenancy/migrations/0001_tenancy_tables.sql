-- Tenancy's tables, created as the identity module's (core/identity/migrations/), take the name of
-- the room that owns them. Foreign keys that name them follow the rename on both engines.
ALTER TABLE auth_networks RENAME TO tenancy_networks;
ALTER TABLE auth_organizations RENAME TO tenancy_organizations;
ALTER TABLE auth_network_organizations RENAME TO tenancy_network_organizations;
ALTER TABLE auth_memberships RENAME TO tenancy_memberships;
ALTER TABLE auth_membership_invitations RENAME TO tenancy_membership_invitations;
DROP INDEX auth_network_organizations_org;
CREATE INDEX tenancy_network_organizations_org ON tenancy_network_organizations (organization_id);
DROP INDEX auth_memberships_unique;
CREATE UNIQUE INDEX tenancy_memberships_unique
    ON tenancy_memberships (user_id, role, COALESCE(organization_id, 0), COALESCE(network_id, 0));
DROP INDEX auth_memberships_org;
CREATE INDEX tenancy_memberships_org ON tenancy_memberships (organization_id);
DROP INDEX auth_memberships_org_id;
CREATE INDEX tenancy_memberships_org_id ON tenancy_memberships (organization_id, id);
DROP INDEX auth_membership_invitations_org;
CREATE INDEX tenancy_membership_invitations_org ON tenancy_membership_invitations (organization_id);

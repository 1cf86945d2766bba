-- Her account is linked to one record of hers in an organization at most (her own view reads the
-- cases of that record): two workers linking it at the same moment cannot link it twice.
CREATE UNIQUE INDEX cases_women_account ON cases_women (organization_id, user_id) WHERE user_id IS NOT NULL;

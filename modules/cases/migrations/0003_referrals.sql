-- Referrals: a social service or a partner refers a woman to an organization, which accepts her
-- (her case, opened in state referred, moves to intake) or declines with a reason. The case is the
-- receiving organization's; the referral keeps who referred her, why, how urgently and how she
-- consented, and the answer, which the referrer reads. Reasons, the answer and an outside
-- referrer's details are sealed with the field encryption keys, bound to the case.
CREATE TABLE cases_referrals (
    id {{identity}},
    case_id BIGINT NOT NULL UNIQUE REFERENCES cases_cases (id) ON DELETE CASCADE,
    from_organization_id BIGINT REFERENCES tenancy_organizations (id) ON DELETE SET NULL,
    to_organization_id BIGINT NOT NULL REFERENCES tenancy_organizations (id) ON DELETE CASCADE,
    referred_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    outside_referrer TEXT,
    urgency TEXT NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent')),
    reason TEXT NOT NULL,
    consent_method TEXT NOT NULL CHECK (consent_method IN ('paper', 'verbal', 'online')),
    consent_at BIGINT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined')),
    answered_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    answered_at BIGINT,
    answer TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_referrals_received ON cases_referrals (to_organization_id, id);
CREATE INDEX cases_referrals_sent ON cases_referrals (from_organization_id, id);

-- When she was sent the reminder of a booked appointment (by the reminder job, appointments/
-- reminders.hpp), so that she gets one at most; NULL until then, and for an appointment whose
-- reminder her safe-contact rules held back. The partial index keeps the job's search of the next
-- day's appointments small however many have been reminded.
ALTER TABLE cases_appointments ADD COLUMN reminded_at BIGINT;
CREATE INDEX cases_appointments_unreminded ON cases_appointments (starts_at)
    WHERE state = 'booked' AND reminded_at IS NULL;

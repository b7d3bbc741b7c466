-- FHIR Appointment searches without a patient or a practitioner (Appointment?date=ge...): a practice's
-- appointments by start (docs/adr/0018-fhir-mapping.md)
create index appointment_view_practice_time on appointment_view (practice_id, start_at);

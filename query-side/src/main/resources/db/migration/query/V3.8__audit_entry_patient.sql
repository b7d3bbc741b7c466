-- Which audit entries name which patient: the compliance officer's "everything about this patient" query walks
-- this key backwards (newest first) and stops at its page size, however large the trail. The GIN index on
-- patient_ids it replaces knows no order: for "newest first, 50 of them" the planner must fetch and sort every
-- match, or walk the practice's chain backwards until 50 match (all of it, for a patient named a few times). Written in the same transaction as the entry it points at (no
-- foreign key: a rebuild's delete of millions of entries would check each against this table).
create table audit_entry_patient (
    practice_id varchar(64) not null,
    patient_id  varchar(64) not null,
    chain_seq   bigint      not null,
    primary key (practice_id, patient_id, chain_seq)
);

insert into audit_entry_patient (practice_id, patient_id, chain_seq)
select distinct practice_id, patient.id, chain_seq
from audit_entry, jsonb_array_elements_text(patient_ids) as patient(id);

drop index audit_entry_patients;

-- part of the trail: append-only like it, emptied only by a rebuild (the same function and setting)
create trigger audit_entry_patient_append_only
    before update or delete on audit_entry_patient
    for each row execute function refuse_audit_rewrite();

create trigger audit_entry_patient_no_truncate
    before truncate on audit_entry_patient
    for each statement execute function refuse_audit_truncate();

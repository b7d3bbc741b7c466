package com.practicescheduler.api.practice;

/** Where a service takes place. */
public enum Modality {
    IN_PERSON,
    TELEHEALTH
}

package com.practicescheduler.api.groupsession;

/** Where a group session stands: {@code SCHEDULED → CANCELLED}. Its seats have statuses of their own. */
public enum GroupSessionStatus {
    SCHEDULED,
    CANCELLED
}

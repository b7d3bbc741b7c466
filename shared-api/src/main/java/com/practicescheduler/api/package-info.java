/**
 * The contract between the command side and the query side: commands, events, queries, results and error
 * codes. Only records and enums; nothing here depends on Spring or JPA.
 */
package com.practicescheduler.api;

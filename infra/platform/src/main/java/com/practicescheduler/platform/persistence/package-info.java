/** Helpers for what both sides keep in PostgreSQL tables of their own. */
package com.practicescheduler.platform.persistence;

/** The standalone launcher: both sides in one JVM, an embedded PostgreSQL, development tokens. */
package com.practicescheduler.standalone;

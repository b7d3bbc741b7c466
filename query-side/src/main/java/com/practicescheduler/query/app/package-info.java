/** The query side as a process of its own (port 8082): the distributed deployment. */
package com.practicescheduler.query.app;

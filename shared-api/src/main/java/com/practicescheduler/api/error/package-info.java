/** Error codes that travel with refused commands and queries, across process boundaries. */
package com.practicescheduler.api.error;

/** What operators see: health, request context in the logs. */
package com.practicescheduler.platform.operations;

/** Auto-configurations that applications may replace with their own beans (outside component scanning). */
package com.practicescheduler.autoconfigure;

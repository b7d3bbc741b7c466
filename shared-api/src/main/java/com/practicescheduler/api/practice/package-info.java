/** Practice (tenant) settings and its catalogue of services. */
package com.practicescheduler.api.practice;

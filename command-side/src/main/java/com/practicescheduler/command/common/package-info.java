/** What every command-side feature uses: loading aggregates (or refusing with not-found) and new ids. */
package com.practicescheduler.command.common;

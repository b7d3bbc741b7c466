/** A real PostgreSQL server run from the zonky binaries jar, usable as root (via an unprivileged account) and as a normal user. */
package com.practicescheduler.embeddedpostgres;

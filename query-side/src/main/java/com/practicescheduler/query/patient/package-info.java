/** The patient read model. Its rows are PHI: never log them; reads are audited. */
package com.practicescheduler.query.patient;

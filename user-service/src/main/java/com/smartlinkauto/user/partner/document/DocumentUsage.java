package com.smartlinkauto.user.partner.document;

/** How many documents a partner keeps and their total size. */
record DocumentUsage(long count, long bytes) {
}

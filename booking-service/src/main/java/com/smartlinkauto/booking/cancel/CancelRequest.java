package com.smartlinkauto.booking.cancel;

import com.smartlinkauto.servicedefaults.validation.CleanText;

/** An optional reason (≤ 500 characters of clean text), on the event and the booking. */
record CancelRequest(@CleanText(max = 500) String reason) {
}

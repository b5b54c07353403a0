/* A PKCS#11 module for tests that wraps the real SoftHSM2 module and adds the
 * one thing SoftHSM2 lacks: a PIN retry counter. Everything else (slots, keys,
 * signing) is SoftHSM2's. This is the only stand-in in the tests, used because
 * no real token with a lockout counter can run here.
 *
 * State lives in the file named by BSRE_SHIM_STATE (test data, never a PIN):
 * one number, the tries left. 0 means locked. Each wrong PIN decrements it;
 * the right PIN resets it to 3.
 *
 * When BSRE_SHIM_LOGINS names a file, every user login (C_Login as CKU_USER,
 * right PIN or wrong) appends one line "login" to it, so a test can count the
 * logins a batch made (never the PIN).
 *
 * When BSRE_SHIM_PULL names a file, it pulls the token out (issue 15, token
 * faults): the file saying "after-login" makes the next successful user login
 * write "out" into it; while it says "out", the token is gone: the slot reports
 * no token, and signing (C_SignInit, C_Sign, C_SignUpdate, C_SignFinal) fails
 * with CKR_DEVICE_REMOVED. Removing the file puts the token back.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pkcs11.h>

static CK_FUNCTION_LIST* real;
static CK_FUNCTION_LIST shim;

static int triesLeft(void)
{
    const char* p = getenv("BSRE_SHIM_STATE");
    FILE* f = p ? fopen(p, "r") : NULL;
    int n = 3;
    if (f) {
        if (fscanf(f, "%d", &n) != 1)
            n = 3;
        fclose(f);
    }
    return n;
}

static void setTriesLeft(int n)
{
    const char* p = getenv("BSRE_SHIM_STATE");
    FILE* f = p ? fopen(p, "w") : NULL;
    if (f) {
        fprintf(f, "%d\n", n);
        fclose(f);
    }
}

static CK_RV shimGetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info)
{
    CK_RV rv = real->C_GetTokenInfo(slot, info);
    if (rv != CKR_OK)
        return rv;
    int n = triesLeft();
    info->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
    if (n <= 0)
        info->flags |= CKF_USER_PIN_LOCKED;
    else if (n == 1)
        info->flags |= CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_COUNT_LOW;
    else if (n < 3)
        info->flags |= CKF_USER_PIN_COUNT_LOW;
    return CKR_OK;
}

static void countLogin(void)
{
    const char* p = getenv("BSRE_SHIM_LOGINS");
    FILE* f = p ? fopen(p, "a") : NULL;
    if (f) {
        fputs("login\n", f);
        fclose(f);
    }
}

static const char* pullState(void)
{
    static char buf[32];
    const char* p = getenv("BSRE_SHIM_PULL");
    FILE* f = p ? fopen(p, "r") : NULL;
    buf[0] = 0;
    if (f) {
        if (!fgets(buf, sizeof buf, f))
            buf[0] = 0;
        fclose(f);
    }
    buf[strcspn(buf, "\r\n")] = 0;
    return buf;
}

static int pulledOut(void) { return strcmp(pullState(), "out") == 0; }

static void pullAfterLogin(void)
{
    const char* p = getenv("BSRE_SHIM_PULL");
    if (!p || strcmp(pullState(), "after-login") != 0)
        return;
    FILE* f = fopen(p, "w");
    if (f) {
        fputs("out\n", f);
        fclose(f);
    }
}

static CK_RV shimGetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info)
{
    CK_RV rv = real->C_GetSlotInfo(slot, info);
    if (rv == CKR_OK && pulledOut())
        info->flags &= ~CKF_TOKEN_PRESENT;
    return rv;
}

static CK_RV shimSignInit(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k)
{
    return pulledOut() ? CKR_DEVICE_REMOVED : real->C_SignInit(s, m, k);
}

static CK_RV shimSign(CK_SESSION_HANDLE s, CK_BYTE_PTR d, CK_ULONG n, CK_BYTE_PTR sig, CK_ULONG_PTR len)
{
    return pulledOut() ? CKR_DEVICE_REMOVED : real->C_Sign(s, d, n, sig, len);
}

static CK_RV shimSignUpdate(CK_SESSION_HANDLE s, CK_BYTE_PTR d, CK_ULONG n)
{
    return pulledOut() ? CKR_DEVICE_REMOVED : real->C_SignUpdate(s, d, n);
}

static CK_RV shimSignFinal(CK_SESSION_HANDLE s, CK_BYTE_PTR sig, CK_ULONG_PTR len)
{
    return pulledOut() ? CKR_DEVICE_REMOVED : real->C_SignFinal(s, sig, len);
}

static CK_RV shimLogin(CK_SESSION_HANDLE s, CK_USER_TYPE type, CK_UTF8CHAR_PTR pin, CK_ULONG len)
{
    if (type != CKU_USER)
        return real->C_Login(s, type, pin, len);
    countLogin();
    int n = triesLeft();
    if (n <= 0)
        return CKR_PIN_LOCKED;
    CK_RV rv = real->C_Login(s, type, pin, len);
    if (rv == CKR_PIN_INCORRECT) {
        setTriesLeft(n - 1);
        return n - 1 <= 0 ? CKR_PIN_LOCKED : CKR_PIN_INCORRECT;
    }
    if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN) {
        setTriesLeft(3);
        pullAfterLogin();
    }
    return rv;
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR out)
{
    if (!real) {
        const char* path = getenv("BSRE_SHIM_TARGET");
        void* h = dlopen(path ? path : "/usr/lib/softhsm/libsofthsm2.so", RTLD_NOW | RTLD_LOCAL);
        if (!h)
            return CKR_GENERAL_ERROR;
        CK_RV (*get)(CK_FUNCTION_LIST_PTR_PTR) = (CK_RV(*)(CK_FUNCTION_LIST_PTR_PTR))dlsym(h, "C_GetFunctionList");
        if (!get || get(&real) != CKR_OK)
            return CKR_GENERAL_ERROR;
        memcpy(&shim, real, sizeof shim);
        shim.C_GetTokenInfo = shimGetTokenInfo;
        shim.C_Login = shimLogin;
        shim.C_GetSlotInfo = shimGetSlotInfo;
        shim.C_SignInit = shimSignInit;
        shim.C_Sign = shimSign;
        shim.C_SignUpdate = shimSignUpdate;
        shim.C_SignFinal = shimSignFinal;
    }
    *out = &shim;
    return CKR_OK;
}

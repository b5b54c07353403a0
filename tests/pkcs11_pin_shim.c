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
    if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN)
        setTriesLeft(3);
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
    }
    *out = &shim;
    return CKR_OK;
}

// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "LibGit2Repository.h"

#include <QDir>
#include <QTimeZone>

#include <git2.h>

#include <functional>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Owners of libgit2's objects, each freed by its own function.
template<typename T, void (*Free)(T*)>
struct Freer
{
    void operator()(T* p) const { Free(p); }
};
template<typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Freer<T, Free>>;
using RepositoryPtr = Owned<git_repository, git_repository_free>;
using IndexPtr = Owned<git_index, git_index_free>;
using TreePtr = Owned<git_tree, git_tree_free>;
using CommitPtr = Owned<git_commit, git_commit_free>;
using ObjectPtr = Owned<git_object, git_object_free>;
using SignaturePtr = Owned<git_signature, git_signature_free>;
using RevwalkPtr = Owned<git_revwalk, git_revwalk_free>;
using DiffPtr = Owned<git_diff, git_diff_free>;
using StatusListPtr = Owned<git_status_list, git_status_list_free>;
using ConfigPtr = Owned<git_config, git_config_free>;
using BlobPtr = Owned<git_blob, git_blob_free>;

// libgit2 is set up for as long as a repository of it is open (its init and shutdown count).
struct Library
{
    Library() { git_libgit2_init(); }
    ~Library() { git_libgit2_shutdown(); }
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
};

QString lastError()
{
    const git_error* e = git_error_last();
    return e && e->message ? QString::fromUtf8(e->message).trimmed() : u"unknown libgit2 error"_s;
}

// Pathspecs as libgit2 takes them; the strings live as long as this.
class Pathspecs
{
public:
    explicit Pathspecs(const QStringList& specs)
    {
        for (const QString& spec : specs) {
            m_bytes.push_back(spec.toUtf8());
        }
        for (QByteArray& bytes : m_bytes) {
            m_pointers.push_back(bytes.data());
        }
        m_array.strings = m_pointers.data();
        m_array.count = m_pointers.size();
    }
    Pathspecs(const Pathspecs&) = delete;
    Pathspecs& operator=(const Pathspecs&) = delete;
    git_strarray* get() { return &m_array; }

private:
    std::vector<QByteArray> m_bytes;
    std::vector<char*> m_pointers;
    git_strarray m_array{};
};

QString deltaStatus(git_delta_t status)
{
    switch (status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_UNTRACKED:
    case GIT_DELTA_COPIED:
        return u"added"_s;
    case GIT_DELTA_DELETED:
        return u"deleted"_s;
    case GIT_DELTA_RENAMED:
        return u"renamed"_s;
    default:
        return u"modified"_s;
    }
}

class LibGit2Repository final : public GitRepository
{
public:
    LibGit2Repository(RepositoryPtr repository, std::shared_ptr<Library> library)
        : m_library(std::move(library))
        , m_repo(std::move(repository))
    {
        const char* workdir = git_repository_workdir(m_repo.get());
        m_workTree = workdir ? QDir::cleanPath(QString::fromUtf8(workdir))
                             : QDir::cleanPath(QString::fromUtf8(git_repository_path(m_repo.get())));
    }

    QString workTree() const override { return m_workTree; }

    Result<QString> config(const QString& key) const override
    {
        git_config* raw = nullptr;
        if (git_repository_config(&raw, m_repo.get()) != 0) {
            return failed(u"cannot read its configuration"_s);
        }
        const ConfigPtr config(raw);
        git_buf value{};
        const int rc = git_config_get_string_buf(&value, config.get(), key.toUtf8().constData());
        if (rc == GIT_ENOTFOUND) {
            return QString();
        }
        if (rc != 0) {
            return failed(u"cannot read %1"_s.arg(key));
        }
        const QString text = QString::fromUtf8(value.ptr, qsizetype(value.size));
        git_buf_dispose(&value);
        return text;
    }

    std::optional<Error> setConfig(const QString& key, const QString& value) override
    {
        git_config* raw = nullptr;
        if (git_repository_config(&raw, m_repo.get()) != 0) {
            return failed(u"cannot read its configuration"_s);
        }
        const ConfigPtr config(raw);
        git_config* localRaw = nullptr;
        if (git_config_open_level(&localRaw, config.get(), GIT_CONFIG_LEVEL_LOCAL) != 0) {
            return failed(u"cannot open its own configuration"_s);
        }
        const ConfigPtr local(localRaw);
        if (git_config_set_string(local.get(), key.toUtf8().constData(), value.toUtf8().constData()) != 0) {
            return failed(u"cannot set %1"_s.arg(key));
        }
        return std::nullopt;
    }

    std::optional<Error> ignore(const QString& rules) override
    {
        if (git_ignore_add_rule(m_repo.get(), rules.toUtf8().constData()) != 0) {
            return failed(u"cannot ignore %1"_s.arg(rules));
        }
        return std::nullopt;
    }

    std::optional<Error> stage(const QStringList& pathspecs) override
    {
        auto index = openIndex();
        if (!index) {
            return index.error();
        }
        Pathspecs specs(pathspecs);
        if (git_index_add_all(index->get(), specs.get(), GIT_INDEX_ADD_DEFAULT, nullptr, nullptr) != 0 ||
            git_index_update_all(index->get(), specs.get(), nullptr, nullptr) != 0) {
            return failed(u"cannot stage %1"_s.arg(pathspecs.join(u", "_s)));
        }
        if (git_index_write(index->get()) != 0) {
            return failed(u"cannot write its index"_s);
        }
        return std::nullopt;
    }

    Result<QList<StatusEntry>> status(const QStringList& pathspecs) const override
    {
        Pathspecs specs(pathspecs);
        git_status_options options = GIT_STATUS_OPTIONS_INIT;
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                        GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
        options.pathspec = *specs.get();
        git_status_list* raw = nullptr;
        if (git_status_list_new(&raw, m_repo.get(), &options) != 0) {
            return failed(u"cannot read its status"_s);
        }
        const StatusListPtr list(raw);
        QList<StatusEntry> entries;
        for (size_t i = 0, n = git_status_list_entrycount(list.get()); i < n; ++i) {
            const git_status_entry* e = git_status_byindex(list.get(), i);
            StatusEntry entry;
            const unsigned s = e->status;
            if (s & GIT_STATUS_INDEX_NEW) {
                entry.staged = u"new"_s;
            } else if (s & GIT_STATUS_INDEX_DELETED) {
                entry.staged = u"deleted"_s;
            } else if (s & (GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_INDEX_RENAMED | GIT_STATUS_INDEX_TYPECHANGE)) {
                entry.staged = u"modified"_s;
            }
            if (s & GIT_STATUS_WT_NEW) {
                entry.unstaged = u"new"_s;
            } else if (s & GIT_STATUS_WT_DELETED) {
                entry.unstaged = u"deleted"_s;
            } else if (s & (GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_RENAMED | GIT_STATUS_WT_TYPECHANGE)) {
                entry.unstaged = u"modified"_s;
            }
            const git_diff_delta* delta = e->head_to_index ? e->head_to_index : e->index_to_workdir;
            if (!delta || (entry.staged.isEmpty() && entry.unstaged.isEmpty())) {
                continue;
            }
            entry.path = QString::fromUtf8(delta->new_file.path ? delta->new_file.path : delta->old_file.path);
            entries << entry;
        }
        return entries;
    }

    Result<QString> commit(const QString& message) override
    {
        auto index = openIndex();
        if (!index) {
            return index.error();
        }
        git_oid treeId;
        if (git_index_write_tree(&treeId, index->get()) != 0) {
            return failed(u"cannot write the tree of its index"_s);
        }
        git_tree* treeRaw = nullptr;
        if (git_tree_lookup(&treeRaw, m_repo.get(), &treeId) != 0) {
            return failed(u"cannot read the tree of its index"_s);
        }
        const TreePtr tree(treeRaw);
        CommitPtr parent;
        git_oid parentId;
        const int head = git_reference_name_to_id(&parentId, m_repo.get(), "HEAD");
        if (head == 0) {
            git_commit* parentRaw = nullptr;
            if (git_commit_lookup(&parentRaw, m_repo.get(), &parentId) != 0) {
                return failed(u"cannot read HEAD"_s);
            }
            parent.reset(parentRaw);
            if (git_oid_equal(git_commit_tree_id(parent.get()), &treeId)) {
                return QString();
            }
        } else if (head != GIT_ENOTFOUND) {
            return failed(u"cannot read HEAD"_s);
        } else if (git_index_entrycount(index->get()) == 0) {
            return QString();
        }
        auto signature = author();
        if (!signature) {
            return signature.error();
        }
        const git_commit* parents[] = {parent.get()};
        git_oid id;
        if (git_commit_create(&id, m_repo.get(), "HEAD", signature->get(), signature->get(), nullptr,
                              message.toUtf8().constData(), tree.get(), parent ? 1 : 0, parents) != 0) {
            return failed(u"cannot commit"_s);
        }
        return idText(&id);
    }

    std::optional<Error> tag(const QString& name, const QString& commit, const QString& message) override
    {
        git_object* raw = nullptr;
        if (git_revparse_single(&raw, m_repo.get(), commit.toUtf8().constData()) != 0) {
            return failed(u"no commit %1"_s.arg(commit));
        }
        const ObjectPtr target(raw);
        auto signature = author();
        if (!signature) {
            return signature.error();
        }
        git_oid id;
        if (git_tag_create(&id, m_repo.get(), name.toUtf8().constData(), target.get(), signature->get(),
                           message.toUtf8().constData(), 0) != 0) {
            return failed(u"cannot make the tag %1"_s.arg(name));
        }
        return std::nullopt;
    }

    Result<QString> resolve(const QString& revision) const override
    {
        auto commit = lookupCommit(revision);
        if (!commit) {
            return commit.error();
        }
        return idText(git_commit_id(commit->get()));
    }

    Result<QList<Commit>> log(int limit, const QString& touching) const override
    {
        QList<Commit> commits;
        git_revwalk* raw = nullptr;
        if (git_revwalk_new(&raw, m_repo.get()) != 0) {
            return failed(u"cannot walk its history"_s);
        }
        const RevwalkPtr walk(raw);
        git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
        const int pushed = git_revwalk_push_head(walk.get());
        if (pushed == GIT_ENOTFOUND || pushed == GIT_EUNBORNBRANCH) {
            return commits;
        }
        if (pushed != 0) {
            return failed(u"cannot read HEAD"_s);
        }
        const QString prefix = touching.isEmpty() ? QString() : touching + u'/';
        git_oid id;
        while (commits.size() < limit && git_revwalk_next(&id, walk.get()) == 0) {
            git_commit* commitRaw = nullptr;
            if (git_commit_lookup(&commitRaw, m_repo.get(), &id) != 0) {
                return failed(u"cannot read commit %1"_s.arg(idText(&id)));
            }
            const CommitPtr commit(commitRaw);
            auto paths = changedPaths(commit.get());
            if (!paths) {
                return paths.error();
            }
            if (!prefix.isEmpty() &&
                std::none_of(paths->begin(), paths->end(), [&](const QString& p) { return p.startsWith(prefix); })) {
                continue;
            }
            Commit c;
            c.id = idText(&id);
            c.message = QString::fromUtf8(git_commit_message(commit.get())).trimmed();
            c.summary = c.message.section(u'\n', 0, 0);
            const git_signature* a = git_commit_author(commit.get());
            c.author = QString::fromUtf8(a->name) + u" <"_s + QString::fromUtf8(a->email) + u'>';
            c.time = QDateTime::fromSecsSinceEpoch(a->when.time, QTimeZone(a->when.offset * 60));
            c.paths = std::move(paths).value();
            commits << c;
        }
        return commits;
    }

    Result<QMap<QString, QByteArray>> files(const QString& commit, const QString& prefix) const override
    {
        auto tree = treeOf(commit);
        if (!tree) {
            return tree.error();
        }
        struct Walk
        {
            git_repository* repo;
            QString prefix;
            QMap<QString, QByteArray> files;
            bool failed = false;
        } walk{m_repo.get(), prefix.isEmpty() ? QString() : prefix + u'/', {}};
        const auto visit = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
            auto* w = static_cast<Walk*>(payload);
            const QString path = QString::fromUtf8(root) + QString::fromUtf8(git_tree_entry_name(entry));
            if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
                // Into the folders on the way to the prefix and under it, not the others.
                const QString folder = path + u'/';
                return w->prefix.isEmpty() || folder.startsWith(w->prefix) || w->prefix.startsWith(folder) ? 0 : 1;
            }
            // Under the prefix, or the one file it names.
            if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB ||
                !(path.startsWith(w->prefix) || path + u'/' == w->prefix)) {
                return 0;
            }
            git_blob* blob = nullptr;
            if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(entry)) != 0) {
                w->failed = true;
                return -1;
            }
            const BlobPtr owned(blob);
            w->files.insert(path, QByteArray(static_cast<const char*>(git_blob_rawcontent(blob)),
                                             qsizetype(git_blob_rawsize(blob))));
            return 0;
        };
        if (git_tree_walk(tree->get(), GIT_TREEWALK_PRE, visit, &walk) != 0 || walk.failed) {
            return failed(u"cannot read the files of %1"_s.arg(commit));
        }
        return walk.files;
    }

    Result<QList<Change>> changes(const QString& from, const QString& to, const QString& prefix) const override
    {
        auto fromTree = treeOf(from);
        if (!fromTree) {
            return fromTree.error();
        }
        Pathspecs specs(prefix.isEmpty() ? QStringList() : QStringList{prefix});
        git_diff_options options = GIT_DIFF_OPTIONS_INIT;
        options.pathspec = *specs.get();
        git_diff* raw = nullptr;
        int rc = 0;
        if (to.isEmpty()) {
            options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
            rc = git_diff_tree_to_workdir_with_index(&raw, m_repo.get(), fromTree->get(), &options);
        } else {
            auto toTree = treeOf(to);
            if (!toTree) {
                return toTree.error();
            }
            rc = git_diff_tree_to_tree(&raw, m_repo.get(), fromTree->get(), toTree->get(), &options);
        }
        if (rc != 0) {
            return failed(u"cannot compare %1 with %2"_s.arg(from, to.isEmpty() ? u"the work tree"_s : to));
        }
        const DiffPtr diff(raw);
        QList<Change> changes;
        for (size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
            const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
            const char* path = d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path;
            changes << Change{QString::fromUtf8(path), deltaStatus(d->status)};
        }
        return changes;
    }

private:
    Error failed(const QString& what) const
    {
        return Error{u"git repository %1: %2: %3"_s.arg(m_workTree, what, lastError())};
    }

    static QString idText(const git_oid* id)
    {
        char text[GIT_OID_HEXSZ + 1];
        git_oid_tostr(text, sizeof text, id);
        return QString::fromLatin1(text);
    }

    Result<IndexPtr> openIndex() const
    {
        git_index* raw = nullptr;
        if (git_repository_index(&raw, m_repo.get()) != 0) {
            return failed(u"cannot open its index"_s);
        }
        return IndexPtr(raw);
    }

    // The user's name and e-mail from the configuration, else Chasm's own.
    Result<SignaturePtr> author() const
    {
        git_signature* raw = nullptr;
        if (git_signature_default(&raw, m_repo.get()) == 0 ||
            git_signature_now(&raw, "Chasm", "chasm@localhost") == 0) {
            return SignaturePtr(raw);
        }
        return failed(u"cannot make a signature"_s);
    }

    Result<CommitPtr> lookupCommit(const QString& revision) const
    {
        git_object* raw = nullptr;
        if (git_revparse_single(&raw, m_repo.get(), revision.toUtf8().constData()) != 0) {
            return failed(u"no commit %1"_s.arg(revision));
        }
        const ObjectPtr object(raw);
        git_object* peeled = nullptr;
        if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0) {
            return failed(u"%1 is not a commit"_s.arg(revision));
        }
        return CommitPtr(reinterpret_cast<git_commit*>(peeled));
    }

    Result<TreePtr> treeOf(const QString& revision) const
    {
        auto commit = lookupCommit(revision);
        if (!commit) {
            return commit.error();
        }
        git_tree* raw = nullptr;
        if (git_commit_tree(&raw, commit->get()) != 0) {
            return failed(u"cannot read the tree of %1"_s.arg(revision));
        }
        return TreePtr(raw);
    }

    Result<QStringList> changedPaths(git_commit* commit) const
    {
        git_tree* treeRaw = nullptr;
        if (git_commit_tree(&treeRaw, commit) != 0) {
            return failed(u"cannot read a commit's tree"_s);
        }
        const TreePtr tree(treeRaw);
        TreePtr parentTree;
        if (git_commit_parentcount(commit) > 0) {
            git_commit* parentRaw = nullptr;
            if (git_commit_parent(&parentRaw, commit, 0) != 0) {
                return failed(u"cannot read a commit's parent"_s);
            }
            const CommitPtr parent(parentRaw);
            git_tree* parentTreeRaw = nullptr;
            if (git_commit_tree(&parentTreeRaw, parent.get()) != 0) {
                return failed(u"cannot read a commit's tree"_s);
            }
            parentTree.reset(parentTreeRaw);
        }
        git_diff* raw = nullptr;
        if (git_diff_tree_to_tree(&raw, m_repo.get(), parentTree.get(), tree.get(), nullptr) != 0) {
            return failed(u"cannot compare a commit with its parent"_s);
        }
        const DiffPtr diff(raw);
        QStringList paths;
        for (size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
            const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
            paths << QString::fromUtf8(d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path);
        }
        return paths;
    }

    std::shared_ptr<Library> m_library;
    RepositoryPtr m_repo;
    QString m_workTree;
};

// The user's global configuration is looked for in the environment's HOME (as git does with $HOME).
std::shared_ptr<Library> libraryFor(const QString& home)
{
    auto library = std::make_shared<Library>();
    if (!home.isEmpty()) {
        const QByteArray path = QDir::toNativeSeparators(home).toUtf8();
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, path.constData());
        const QByteArray xdg = QDir::toNativeSeparators(home + u"/.config/git"_s).toUtf8();
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, xdg.constData());
    }
    return library;
}

Result<std::unique_ptr<GitRepository>> openRepository(const QString& folder, const QString& home)
{
    auto library = libraryFor(home);
    git_repository* raw = nullptr;
    const int rc = git_repository_open_ext(&raw, QDir::toNativeSeparators(folder).toUtf8().constData(), 0, nullptr);
    if (rc == GIT_ENOTFOUND) {
        return Error{u"%1 is not in a git repository (see: chasm git init %1)"_s.arg(folder), ErrorKind::NotFound};
    }
    if (rc != 0) {
        return Error{u"git repository %1: cannot open it: %2"_s.arg(folder, lastError())};
    }
    return std::unique_ptr<GitRepository>(std::make_unique<LibGit2Repository>(RepositoryPtr(raw), library));
}

Result<std::unique_ptr<GitRepository>> initRepository(const QString& folder, const QString& home)
{
    auto library = libraryFor(home);
    git_repository* raw = nullptr;
    if (git_repository_init(&raw, QDir::toNativeSeparators(folder).toUtf8().constData(), 0) != 0) {
        return Error{u"git repository %1: cannot make it: %2"_s.arg(folder, lastError())};
    }
    return std::unique_ptr<GitRepository>(std::make_unique<LibGit2Repository>(RepositoryPtr(raw), library));
}

constexpr GitLibrary library{openRepository, initRepository};

} // namespace

const GitLibrary& libGit2()
{
    return library;
}

} // namespace chasm
